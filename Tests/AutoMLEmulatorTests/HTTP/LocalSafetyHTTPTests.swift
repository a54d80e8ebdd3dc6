import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation
import Testing

/// What keeps a server that runs all the time safe from web pages and from reading files it should not: the Host and
/// Origin checks, local paths only under the allowed folders, and no file quoted back unless it is an import CSV.
@Suite struct LocalSafetyHTTPTests {
    @Test func webPagesAreRefused() async throws {
        try await withServedEmulator { served in
            let origin = try await served.raw(
                "POST", served.v1("datasets"), body: .text(#"{"displayName":"x"}"#),
                headers: [("Origin", "http://evil.example")])
            #expect(origin.status == 403)
            #expect(origin.text.contains("BROWSER_ORIGIN"))
            for host in ["evil.example", "evil.example:80", "127.0.0.1.evil.example", "[::2]:80", "localhost.evil"] {
                let rebound = try await served.raw("GET", served.v1("datasets"), headers: [("Host", host)])
                #expect(rebound.status == 403, "Host: \(host)")
                #expect(rebound.text.contains("HOST_NOT_LOOPBACK"), "Host: \(host)")
            }
            for host in ["localhost", "localhost:\(served.server.port)", "127.0.0.1", "127.1.2.3:9", "[::1]:80"] {
                let served = try await served.raw("GET", served.v1("datasets"), headers: [("Host", host)])
                #expect(served.status == 200, "Host: \(host)")
            }
            #expect(try await served.datasetCount() == 0, "nothing was created")
        }
        try await withServedEmulator(configure: { $0.allowRemote = true }) { served in
            let origin = try await served.raw(
                "GET", served.v1("datasets"),
                headers: [
                    ("Origin", "http://a.example"),
                    ("Host", "a.example"),
                ])
            #expect(origin.status == 200, "--allow-remote serves whoever the tokens and the network let in")
        }
    }

    @Test func localPathsAreReadOnlyUnderTheAllowedFolders() async throws {
        let allowed = FileManager.default.temporaryDirectory.appendingPathComponent(
            "automl-allowed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: allowed) }
        let csv = try TestImages.classificationDataset(in: allowed, bucket: "images", labels: ["a", "b"], perLabel: 3)
        let local = try #require(csv.hasPrefix("gs://") ? allowed.path + "/" + csv.dropFirst(5) : csv)
        // The CSV names its images by gs:// URI; a local copy names them by path.
        let text = try String(contentsOfFile: local, encoding: .utf8)
            .replacingOccurrences(of: "gs://images/", with: allowed.path + "/images/")
        let localCSV = allowed.appendingPathComponent("local.csv")
        try text.write(to: localCSV, atomically: true, encoding: .utf8)

        try await withServedEmulator { served in
            let dataset = try await served.createDataset()
            let refused = try await served.raw(
                "POST", "/v1/\(dataset.name):importData",
                body: .importing(localCSV.path))
            #expect(refused.status == 400, "no folder allowed: \(refused.text)")
            #expect(refused.text.contains("--allow-path"))
        }
        try await withServedEmulator(configure: { $0.localImportFolders = [allowed] }) { served in
            let dataset = try await served.createDataset()
            let operation = try await served.client().importData(
                into: try DatasetName(parsing: dataset.name),
                InputConfig(gcsSource: GcsSource(inputUris: [localCSV.path])))
            let done = try await served.client().wait(
                for: try OperationName(parsing: operation.name), as: Empty.self,
                policy: PollPolicy(initialDelay: .milliseconds(5), timeout: .seconds(20)))
            _ = done
            #expect(try await served.client().getDataset(try DatasetName(parsing: dataset.name)).exampleCount == 6)
            let outside = try await served.raw(
                "POST", "/v1/\(dataset.name):importData", body: .importing("/etc/passwd"))
            #expect(outside.status == 400)
            #expect(!outside.text.contains("root:"))
        }
    }

    @Test func aFileThatIsNotAnImportCSVIsNeverQuoted() async throws {
        try await withServedEmulator { served in
            let passwd = served.gcsRoot.appendingPathComponent("bucket/passwd.csv")
            try FileManager.default.createDirectory(
                at: passwd.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
                .write(to: passwd, atomically: true, encoding: .utf8)
            let dataset = try await served.createDataset()
            let operation = try await served.client().importData(
                into: try DatasetName(parsing: dataset.name),
                InputConfig(gcsSource: GcsSource(inputUris: ["gs://bucket/passwd.csv"])))
            let name = try OperationName(parsing: operation.name)
            var state = try await served.client().getOperation(name)
            let deadline = ContinuousClock.now + .seconds(20)
            while !state.done, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
                state = try await served.client().getOperation(name)
            }
            let text = String(decoding: state.jsonData(), as: UTF8.self)
            #expect(text.contains("not an import CSV"))
            #expect(!text.contains("root:x") && !text.contains("daemon"), "\(text)")
        }
    }
}

extension ServedEmulator {
    /// How many datasets project `p` has.
    func datasetCount() async throws -> Int {
        try await client().listDatasets(in: try LocationName(project: "p", location: "us-central1")).collect().count
    }
}
