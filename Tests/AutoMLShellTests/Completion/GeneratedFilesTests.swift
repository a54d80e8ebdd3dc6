import AutoMLClient
import AutoMLShell
import AutoMLTestSupport
import Foundation
import Testing

/// docs/automl.1 and completions/ are what the command definitions make (`make man` writes them again): a change to a
/// command that leaves them behind fails here.
@Suite struct GeneratedFilesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func theManualPageIsTheOneTheCommandsMake() throws {
        let page = try ManPage.render(version: AutoMLClientVersion.current)
        let committed = try String(
            contentsOf: Self.repository.appendingPathComponent("docs/automl.1"), encoding: .utf8)
        #expect(page == committed, "docs/automl.1 is stale: `make man` writes it again")
        // Every command of the shell has its section, with its abstract.
        for section in [".SS \"model diff\"", ".SS \"watch\"", ".SS \"evaluations\"", ".SS \"set\""] {
            #expect(page.contains(section), "\(section)")
        }
        #expect(page.contains("\\fB\\-\\-all\\fR"), "watch --all is described")
        #expect(!page.contains("\n-"), "no line starts with a bare hyphen")
    }

    @Test func theCompletionScriptsAreTheOnesInTheRepository() throws {
        for shell in CompletionScripts.shells {
            let file = try #require(CompletionScripts.fileNames[shell])
            let committed = try String(
                contentsOf: Self.repository.appendingPathComponent("completions/\(file)"), encoding: .utf8)
            #expect(CompletionScripts.script(for: shell) == committed, "completions/\(file) differs: `make man`")
        }
    }

    @Test func theBinaryPrintsThemAndRefusesOtherShells() async throws {
        let harness = try BinaryHarness()
        // The binary runs on a thread of its own, not on one the other tests' tasks need.
        let (bash, other, page, completed) = try await onOwnThread {
            (
                try harness.run(["completion", "bash"]), try harness.run(["completion", "tcsh"]),
                try harness.run(["__man"]), try harness.run(["__complete", "0", "comp"])
            )
        }
        #expect(bash.status == 0)
        #expect(bash.out == CompletionScripts.script(for: "bash"))
        #expect(other.status != 0)
        #expect(other.err.contains("no completion script for \"tcsh\": bash, zsh or fish"))
        #expect(page.status == 0 && page.out.hasPrefix(".TH AUTOML 1"))
        #expect(completed.out == "completion\n")
    }
}
