import ArgumentParser
import AutoMLClient
import Foundation
import Testing

@testable import AutoMLShell

/// `--limit` and `--sort-by` of every list.
@Suite struct ListOptionsTests {
    private func options(_ arguments: [String]) throws -> ListOptions { try ListOptions.parse(arguments) }

    private func items(_ json: String) throws -> [JSONValue] {
        try JSONValue(parsing: Data(json.utf8)).arrayValue ?? []
    }

    @Test func sortsNumbersByValueTextByTextMissingLastAndCuts() throws {
        let listed = try items(
            #"[{"n": "10", "s": "b"}, {"n": "9", "s": "a"}, {"s": "c"}, {"n": 9.5, "s": "a"}]"#)
        let byNumber = try options(["--sort-by", "n"]).apply(listed).map { $0["s"]?.stringValue ?? "" }
        #expect(byNumber == ["a", "a", "b", "c"], "int64 strings by value; the item without n last")
        #expect(try options(["--sort-by", "n"]).apply(listed).first?["n"] == .string("9"))
        let descending = try options(["--sort-by", "~n", "--limit", "2"]).apply(listed).map { $0["n"] }
        #expect(descending == [.string("10"), .number(9.5)])
        let stable = try options(["--sort-by", "s"]).apply(listed).map { $0["n"] }
        #expect(stable == [.string("9"), .number(9.5), .string("10"), nil], "equal keys keep the listing's order")
        #expect(try options(["--limit", "1"]).apply(listed).count == 1)
        #expect(throws: (any Error).self) { try options(["--limit", "0"]) }
        #expect(throws: (any Error).self) { try options(["--sort-by", "a..b"]) }
    }

    @Test func listsInTheShellAreSortedAndCut() async throws {
        let shell = try await ShellHarness()
        let session = shell.session(persists: false)
        #expect(
            await shell.run(
                "dataset create b_set\ndataset create c_set\ndataset create a_set\nset format value(displayName)",
                in: session) == 0)
        shell.clearOutput()
        #expect(
            await shell.run("datasets --sort-by displayName\ndatasets --sort-by ~displayName --limit 2", in: session)
                == 0)
        #expect(shell.standardOutput == "a_set\nb_set\nc_set\nc_set\nb_set\n", "\(shell.standardError)")
        shell.clearOutput()
        #expect(
            await shell.run("operations --limit 1 --sort-by ~metadata.createTime --format value(name)", in: session)
                == 0)
        #expect(shell.standardOutput.split(separator: "\n").count == 1)
        #expect(await shell.run("datasets --limit 0", in: session) == 2)
    }
}
