import AutoMLClient
import AutoMLEmulator
import Foundation
import Testing

/// With project-limited tokens, each project's work uses only the buckets created for it: through the storage
/// routes and through the gs:// URIs of imports, exports and predictions.
@Suite struct StorageIsolationHTTPTests {
    /// `a` may use only project p5, `b` only pb, `admin` every project.
    static let tokens = ["a@p5", "b@pb", "admin"]

    static func bearer(_ token: String) -> [(String, String)] { [("Authorization", "Bearer \(token)")] }

    @Test func aLimitedTokenUsesOnlyItsProjectsBuckets() async throws {
        try await withServedEmulator(configure: { $0.tokens = Self.tokens }) { served in
            #expect(try await served.createBucket("pb-data", project: "pb", token: "b").status == 200)
            #expect(
                try await served.uploadObject("secret.txt", "line one\nline two\n", bucket: "pb-data", token: "b")
                    .status == 200)

            // The other tenant cannot see, read, list, write or take the bucket over.
            for (method, target) in [
                ("GET", "/storage/v1/b/pb-data"), ("GET", "/storage/v1/b/pb-data/o"),
                ("GET", "/storage/v1/b/pb-data/o/secret.txt"), ("GET", "/storage/v1/b/pb-data/o/secret.txt?alt=media"),
                ("GET", "/download/storage/v1/b/pb-data/o/secret.txt?alt=media"),
                ("DELETE", "/storage/v1/b/pb-data/o/secret.txt"),
            ] {
                let denied = try await served.raw(method, target, headers: Self.bearer("a"))
                #expect(denied.status == 403, "\(method) \(target): \(denied.text)")
                #expect(!denied.text.contains("line one"))
            }
            #expect(try await served.uploadObject("x.txt", "x", bucket: "pb-data", token: "a").status == 403)
            // A bucket nobody has made is 404 to every token, so a tenant can find a free name and make it.
            let absent = try await served.raw("GET", "/storage/v1/b/p5-stage", headers: Self.bearer("a"))
            #expect(absent.status == 404, "\(absent.text)")
            #expect(try await served.createBucket("p5-stage", project: "p5", token: "a").status == 200)
            #expect(try await served.raw("GET", "/storage/v1/b/p5-stage", headers: Self.bearer("a")).status == 200)
            #expect(try await served.createBucket("p5-other", project: "pb", token: "a").status == 403)

            // Folders made by hand belong to no project: limited tokens cannot use them, unlimited ones can.
            let byHand = served.gcsRoot.appendingPathComponent("by-hand")
            try FileManager.default.createDirectory(at: byHand, withIntermediateDirectories: true)
            try Data("x".utf8).write(to: byHand.appendingPathComponent("f.txt"))
            #expect(try await served.raw("GET", "/storage/v1/b/by-hand/o", headers: Self.bearer("a")).status == 403)
            #expect(try await served.raw("GET", "/storage/v1/b/by-hand/o", headers: Self.bearer("admin")).status == 200)
            #expect(try await served.raw("GET", "/storage/v1/b/pb-data/o", headers: Self.bearer("admin")).status == 200)
        }
    }

    @Test func importsExportsAndPredictionsNameOnlyTheProjectsBuckets() async throws {
        try await withServedEmulator(configure: { $0.tokens = Self.tokens }) { served in
            #expect(try await served.createBucket("pb-data", project: "pb", token: "b").status == 200)
            #expect(
                try await served.uploadObject("secret.txt", "line one\nline two\n", bucket: "pb-data", token: "b")
                    .status == 200)
            #expect(try await served.createBucket("p5-data", project: "p5", token: "a").status == 200)
            // p5's own CSV naming pb's objects row by row.
            let csv = "gs://pb-data/secret.txt,daisy\n"
            #expect(try await served.uploadObject("rows.csv", csv, bucket: "p5-data", token: "a").status == 200)
            let dataset = try await served.createDataset(token: "a", project: "p5")
            let id = try #require(dataset.name.split(separator: "/").last)
            let a = Self.bearer("a")

            func importing(_ uri: String) async throws -> RawResponse {
                try await served.raw(
                    "POST", served.v1("datasets/\(id):importData", project: "p5"),
                    body: .bytes(Data(#"{"inputConfig":{"gcsSource":{"inputUris":["\#(uri)"]}}}"#.utf8)), headers: a)
            }
            let direct = try await importing("gs://pb-data/secret.txt")
            #expect(direct.status == 400, "\(direct.text)")
            #expect(direct.errorMessage?.contains("may use only buckets created for it") == true)
            #expect(!direct.text.contains("line one"))

            let rows = try await importing("gs://p5-data/rows.csv")
            #expect(rows.status == 200, "\(rows.text)")
            var done = try LongRunningOperation(protoJSON: try #require(rows.json), path: "")
            let operation = try OperationName(parsing: done.name)
            for _ in 0..<600 where !done.done {
                try await Task.sleep(for: .milliseconds(50))
                done = try await served.client(token: "a").getOperation(operation)
            }
            #expect(done.error != nil, "no row could be imported")
            #expect(!String(decoding: done.jsonData(), as: UTF8.self).contains("line one"))
            let failures = done.automlMetadata?.partialFailures.map(\.message) ?? []
            #expect(
                failures.contains { $0.contains("gs://pb-data/secret.txt") && $0.contains("not one") }, "\(failures)")

            let export = try await served.raw(
                "POST", served.v1("datasets/\(id):exportData", project: "p5"),
                body: .bytes(Data(#"{"outputConfig":{"gcsDestination":{"outputUriPrefix":"gs://pb-data/out"}}}"#.utf8)),
                headers: a)
            #expect(export.status == 400, "\(export.text)")
            let ownExport = try await served.raw(
                "POST", served.v1("datasets/\(id):exportData", project: "p5"),
                body: .bytes(Data(#"{"outputConfig":{"gcsDestination":{"outputUriPrefix":"gs://p5-data/out"}}}"#.utf8)),
                headers: a)
            #expect(ownExport.status == 200, "\(ownExport.text)")
        }
    }
}
