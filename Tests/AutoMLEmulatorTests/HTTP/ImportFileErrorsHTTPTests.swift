import AutoMLClient
import AutoMLEmulator
import Foundation
import Testing

/// An import that cannot read its files says which URI and why, in the service's words: never the backend's own
/// folders, never Foundation's error types, never a control character from the request.
@Suite struct ImportFileErrorsHTTPTests {
    @Test func aMissingCSVNamesTheURIAndNotTheServersPath() async throws {
        try await withServedEmulator { served in
            let dataset = try await served.createDataset()
            let id = resourceID(dataset.name)
            try FileManager.default.createDirectory(
                at: served.gcsRoot.appendingPathComponent("data/folder.csv"), withIntermediateDirectories: true)
            for (uri, reason) in [
                ("gs://data/missing.csv", "no such file"), ("gs://data/folder.csv", "it is a folder"),
            ] {
                let started = try await served.raw(
                    "POST", served.v1("datasets/\(id):importData"), body: .importing(uri))
                #expect(started.status == 200, "\(started.text)")
                let operation = try LongRunningOperation(protoJSON: try #require(started.json), path: "")
                let done = try await served.settle(operation)
                let message = try #require(done.error?.message)
                #expect(
                    message == "Error: \(uri): \(reason)." || message.hasPrefix("Error: \(uri): \(reason)"),
                    "\(message)")
                let everything = String(decoding: done.jsonData(), as: UTF8.self)
                #expect(!everything.contains(served.directory.path), "the server's folders stay private: \(everything)")
                #expect(!everything.contains("NSCocoaErrorDomain") && !everything.contains("Error Domain"))
            }
        }
    }

    @Test func aURIWithALineBreakIsRefusedAndQuotedEscaped() async throws {
        try await withServedEmulator { served in
            let dataset = try await served.createDataset()
            let response = try await served.raw(
                "POST", served.v1("datasets/\(resourceID(dataset.name)):importData"),
                body: .importing("gs://data/a\\r\\nInjected: yes.csv"))
            #expect(response.status == 400, "\(response.text)")
            #expect(response.errorMessage?.contains("control character") == true)
            #expect(response.errorMessage?.contains(#"a\r\nInjected"#) == true, "quoted with escapes")
            #expect(response.errorMessage?.contains("\r") == false)
        }
    }
}
