import AutoMLClient
import AutoMLTestSupport
import Foundation
import Testing

@testable import AutoMLShell

/// `dataset delete` and `model delete` ask first; scripts say `--quiet` or fail.
@Suite struct DeleteConfirmationTests {
    @Test func aScriptMustSayQuietAndNothingIsDeletedOtherwise() async throws {
        let shell = try await ShellHarness()
        let session = shell.session(persists: false)
        #expect(await shell.run("dataset create flowers", in: session) == 0)
        #expect(await shell.run("dataset delete", in: session) == 1)
        #expect(
            shell.standardError.contains("error: `dataset delete` asks before deleting, and a script cannot answer"))
        #expect(shell.standardError.contains("hint: add --quiet to delete without asking"))
        #expect(try await shell.client.listDatasets(in: shell.location).collect().count == 1)
        #expect(await shell.run("dataset delete --quiet", in: session) == 0, "\(shell.standardError)")
        #expect(try await shell.client.listDatasets(in: shell.location).collect().isEmpty)
    }

    @Test func aPersonAnswersNoThenYesAndTheTranscriptSaysQuiet() async throws {
        let shell = try await ShellHarness()
        let session = shell.session(interactive: true, persists: false)
        let path = shell.directory.appendingPathComponent("deletes.automl").path
        _ = await shell.run(
            "record \(path)\ndataset create flowers\ndataset delete\nn\ndataset delete flowers\nyes", in: session)
        #expect(shell.standardError.contains("nothing was deleted (not confirmed)"), "\(shell.standardError)")
        #expect(try await shell.client.listDatasets(in: shell.location).collect().isEmpty, "the second was confirmed")
        let transcript = try String(contentsOfFile: path, encoding: .utf8)
        #expect(transcript.contains("# failed: dataset delete\n"), "\(transcript)")
        #expect(transcript.contains("dataset delete flowers --quiet\n"), "\(transcript)")
    }
}
