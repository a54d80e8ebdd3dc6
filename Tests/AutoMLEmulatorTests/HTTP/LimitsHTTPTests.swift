import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation
import Testing

/// Request body limits and gs:// confinement, over a real socket.
@Suite struct LimitsHTTPTests {
    /// 1 KiB for ordinary bodies, 8 KiB for Predict.
    static func smallLimits(_ configuration: inout EmulatorConfiguration) {
        configuration.maxBodyBytes = 1024
        configuration.maxPredictBodyBytes = 8192
    }

    /// A CreateDataset body of about `size` bytes (the description pads it).
    static func datasetBody(size: Int) -> Data {
        let prefix =
            #"{"displayName":"big","imageClassificationDatasetMetadata":{"classificationType":1},"#
            + #""description":""#
        let padding = String(repeating: "x", count: max(0, size - prefix.utf8.count - 2))
        return Data((prefix + padding + #""}"#).utf8)
    }

    /// A Predict body of about `size` bytes.
    static func predictBody(size: Int) -> Data {
        let bytes = Data(repeating: 7, count: max(3, size * 3 / 4 - 40))
        return Data(#"{"payload":{"image":{"imageBytes":"\#(bytes.base64EncodedString())"}}}"#.utf8)
    }

    static func expectTooLarge(
        _ response: RawResponse, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(response.status == 400, "\(what): \(response.text)", sourceLocation: sourceLocation)
        #expect(response.errorStatus == "INVALID_ARGUMENT", "\(what)", sourceLocation: sourceLocation)
        #expect(
            response.errorMessage?.contains("exceeds the limit") == true, "\(what): \(response.text)",
            sourceLocation: sourceLocation)
        #expect(response.errorInfo?["domain"] == .string("automl.googleapis.com"), sourceLocation: sourceLocation)
    }

    @Test func aBodyOverTheLimitIsInvalidArgumentAndTheServerGoesOn() async throws {
        try await withServedEmulator(configure: Self.smallLimits) { served in
            let fits = try await served.raw("POST", served.v1("datasets"), body: .bytes(Self.datasetBody(size: 1000)))
            #expect(fits.status == 200, "\(fits.text)")

            let tooLarge = try await served.raw(
                "POST", served.v1("datasets"),
                body: .bytes(Self.datasetBody(size: 2048)))
            Self.expectTooLarge(tooLarge, "2 KiB with Content-Length")
            let next = try await served.rawJSON("GET", served.v1("datasets"))
            #expect(next["datasets"]?.arrayValue?.count == 1, "the refused dataset was not created")

            let client = served.client()
            var dataset = Dataset()
            dataset.displayName = "big"
            dataset.description = String(repeating: "y", count: 4096)
            dataset.imageClassificationDatasetMetadata = ImageClassificationDatasetMetadata(
                classificationType: .multiclass)
            let error = await #expect(throws: AutoMLError.self) {
                _ = try await client.createDataset(in: served.location, dataset)
            }
            #expect(error?.code == .invalidArgument)
            #expect(try await client.listDatasetsPage(in: served.location).datasets.count == 1)
        }
    }

    @Test func aChunkedBodyOverTheLimitIsInvalidArgument() async throws {
        try await withServedEmulator(configure: Self.smallLimits) { served in
            let fits = try await served.raw("POST", served.v1("datasets"), body: .chunked(Self.datasetBody(size: 900)))
            #expect(fits.status == 200, "\(fits.text)")
            let tooLarge = try await served.raw(
                "POST", served.v1("datasets"),
                body: .chunked(Self.datasetBody(size: 4096)))
            Self.expectTooLarge(tooLarge, "4 KiB chunked")
            #expect(try await served.raw("GET", served.v1("datasets")).status == 200)
        }
    }

    /// A body far over the limit: the server answers before reading it, then closes the connection. The client must
    /// still get the answer, not a reset connection.
    @Test(arguments: [64 << 10, 1 << 20])
    func aBodyFarOverTheLimitStillGetsTheAnswer(size: Int) async throws {
        try await withServedEmulator(configure: Self.smallLimits) { served in
            for attempt in 1...3 {
                let response: RawResponse
                do {
                    response = try await served.raw(
                        "POST", served.v1("datasets"),
                        body: .bytes(Self.datasetBody(size: size)))
                } catch {
                    Issue.record("a \(size)-byte body (attempt \(attempt)) got no answer: \(error)")
                    continue
                }
                Self.expectTooLarge(response, "\(size) bytes")
            }
            let next = try await served.raw("GET", served.v1("datasets"))
            #expect(next.status == 200, "the server still answers")
        }
    }

    @Test func aPredictBodyMayBeLargerUpToThePredictLimit() async throws {
        try await withServedEmulator(configure: Self.smallLimits) { served in
            let body = Self.predictBody(size: 6000)
            #expect(body.count > 1024 && body.count < 8192)
            let predict = try await served.raw("POST", served.v1("models/ICN404:predict"), body: .bytes(body))
            #expect(predict.status == 404, "past the size check, the model is looked up: \(predict.text)")
            #expect(predict.errorStatus == "NOT_FOUND")
            let chunked = try await served.raw("POST", served.v1("models/ICN404:predict"), body: .chunked(body))
            #expect(chunked.errorStatus == "NOT_FOUND")

            let over = try await served.raw(
                "POST", served.v1("models/ICN404:predict"),
                body: .bytes(Self.predictBody(size: 12_000)))
            Self.expectTooLarge(over, "12 KB predict")
            let batch = try await served.raw("POST", served.v1("models/ICN404:batchPredict"), body: .bytes(body))
            Self.expectTooLarge(batch, "6 KB batchPredict: only :predict has the larger limit")
            let query = try await served.raw("POST", served.v1("datasets?x=:predict"), body: .bytes(body))
            Self.expectTooLarge(query, "a query that ends in :predict does not make a predict call")
        }
    }

    /// Only the announced length: the server must answer at once rather than wait for (or read) 50 MB.
    @Test func aDeclaredLengthOverTheLimitIsAnsweredWithoutReadingTheBody() async throws {
        try await withServedEmulator(configure: Self.smallLimits) { served in
            let exchange = try await served.exchangeBytes(
                "POST \(served.v1("datasets")) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 50000000\r\n\r\n{\"displayName\":")
            let answer = exchange.text
            #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer)")
            #expect(answer.contains("INVALID_ARGUMENT"), "\(answer)")
            #expect(answer.lowercased().contains("connection: close"), "\(answer)")
            #expect(exchange.serverClosed, "the server closes the connection instead of waiting for the body")
            let next = try await served.raw("GET", served.v1("datasets"))
            #expect(next.status == 200)
        }
    }

    /// NIO answers a request it cannot parse with `400` and `Connection: close`, then leaves closing the connection to
    /// the rest of the pipeline.
    @Test func aMalformedRequestIsRefusedClosedAndTheServerGoesOn() async throws {
        try await withServedEmulator(configure: Self.smallLimits) { served in
            let garbage = try await served.exchangeBytes("THIS IS NOT HTTP\r\n\r\n", patience: .seconds(3))
            #expect(garbage.text.hasPrefix("HTTP/1.1 400"), "\(garbage.text)")
            #expect(garbage.text.contains("Connection: close"))
            #expect(garbage.serverClosed, "after a 400 that says `Connection: close` the server closes the connection")
            let badLength = try await served.exchangeBytes(
                "POST \(served.v1("datasets")) HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n",
                patience: .seconds(3))
            #expect(badLength.text.hasPrefix("HTTP/1.1 400"), "\(badLength.text)")
            #expect(badLength.serverClosed)
            let next = try await served.raw("GET", served.v1("datasets"))
            #expect(next.status == 200)
        }
    }

    /// The router decodes the path before it reads the custom verb, so `models/m%3Apredict` is Predict; its body
    /// limit must be Predict's too.
    @Test func aPercentEncodedPredictVerbGetsThePredictLimit() async throws {
        try await withServedEmulator(configure: Self.smallLimits) { served in
            let small = try await served.raw(
                "POST", served.v1("models/ICN404%3Apredict"),
                body: .text(#"{"payload":{"image":{"imageBytes":"AQID"}}}"#))
            #expect(small.errorStatus == "NOT_FOUND", "routed as Predict: \(small.text)")
            let body = Self.predictBody(size: 6000)
            let large = try await served.raw("POST", served.v1("models/ICN404%3Apredict"), body: .bytes(body))
            #expect(large.errorStatus == "NOT_FOUND", "a 6 KB Predict body is within the 8 KiB limit: \(large.text)")
        }
    }

    @Test func importURIsThatEscapeTheGCSRootAreRefusedBeforeAnythingIsRead() async throws {
        try await withServedEmulator { served in
            let dataset = try await served.createDataset()
            let id = resourceID(dataset.name)
            // A complete, valid import outside the gcs root: if any of the URIs below reached it, images would import.
            let outside = served.directory.appendingPathComponent("outside", isDirectory: true)
            try TestImages.classificationDataset(
                in: outside, bucket: "secret", labels: ["daisy", "tulip"], perLabel: 2)
            let bucket = served.gcsRoot.appendingPathComponent("data", isDirectory: true)
            try FileManager.default.createDirectory(at: bucket, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                at: bucket.appendingPathComponent("escape.csv"),
                withDestinationURL: outside.appendingPathComponent("secret/import.csv"))
            try FileManager.default.createSymbolicLink(
                at: bucket.appendingPathComponent("linked"),
                withDestinationURL: outside.appendingPathComponent("secret"))
            try FileManager.default.createSymbolicLink(
                at: served.gcsRoot.appendingPathComponent("secret"),
                withDestinationURL: outside.appendingPathComponent("secret"))

            let depth = served.gcsRoot.pathComponents.count
            let upToRoot = Array(repeating: "..", count: depth).joined(separator: "/")
            let uris = [
                "gs://bucket/../../etc/passwd",
                "gs://data/../../outside/secret/import.csv",
                "gs://data/\(upToRoot)\(outside.path)/secret/import.csv",
                "gs://data/./escape.csv",
                "gs://data/escape.csv",
                "gs://data/linked/import.csv",
                "gs://secret/import.csv",
                "gs://data//etc/passwd",
                "gs://data/%2e%2e%2f%2e%2e%2fetc/passwd",
            ]
            for uri in uris {
                let response = try await served.raw(
                    "POST", served.v1("datasets/\(id):importData"),
                    body: .importing(uri))
                #expect(response.status == 400, "\(uri): \(response.text)")
                #expect(response.errorStatus == "INVALID_ARGUMENT", "\(uri)")
            }
            let operations = try await served.rawJSON("GET", served.v1("operations"))
            #expect(operations["operations"]?.arrayValue?.count == 1, "no import operation was started")
            let after = try await served.rawJSON("GET", served.v1("datasets/\(id)"))
            #expect(after["exampleCount"] == nil, "nothing was imported: \(after)")
        }
    }

    @Test func exportPrefixesThatEscapeTheGCSRootAreRefused() async throws {
        try await withServedEmulator { served in
            let dataset = try await served.createDataset()
            let outside = served.directory.appendingPathComponent("outside", isDirectory: true)
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            let bucket = served.gcsRoot.appendingPathComponent("data", isDirectory: true)
            try FileManager.default.createDirectory(at: bucket, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                at: bucket.appendingPathComponent("linked"),
                withDestinationURL: outside)
            for prefix in ["gs://data/../../outside", "gs://data/linked/exports", "gs://data/linked"] {
                let response = try await served.raw(
                    "POST", served.v1("datasets/\(resourceID(dataset.name)):exportData"),
                    body: .text(#"{"outputConfig":{"gcsDestination":{"outputUriPrefix":"\#(prefix)"}}}"#))
                #expect(response.errorStatus == "INVALID_ARGUMENT", "\(prefix): \(response.text)")
            }
            let written = try FileManager.default.contentsOfDirectory(atPath: outside.path)
            #expect(written.isEmpty, "nothing was written outside the gcs root: \(written)")
        }
    }
}
