import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation
import Testing

/// Faults from a `--faults` spec, seen by a real client over a real socket.
@Suite struct FaultInjectionHTTPTests {
    @Test func unavailableOnGETsEndsInUnavailableAfterTheClientsAttempts() async throws {
        try await withServedEmulator(faults: "unavailable=1,only=GET") { served in
            let raw = try await served.raw("GET", served.v1("datasets"))
            #expect(raw.status == 503)
            #expect(raw.errorStatus == "UNAVAILABLE")
            #expect(raw.errorInfo?["domain"] == .string("automl.googleapis.com"))

            let log = ExchangeLog()
            let client = served.client(retry: ServedEmulator.fastRetries, log: log.hook)
            let error = await #expect(throws: AutoMLError.self) {
                _ = try await client.listDatasetsPage(in: served.location)
            }
            #expect(error?.code == .unavailable)
            #expect(error?.httpStatus == 503)
            #expect(
                log.statuses == Array(repeating: 503, count: ServedEmulator.fastRetries.maxAttempts),
                "every attempt was made and answered 503")

            let dataset = try await served.createDataset()
            #expect(!dataset.name.isEmpty, "only GETs are faulted: POST goes through")
        }
    }

    @Test func pathNarrowsFaultsToMatchingRequests() async throws {
        try await withServedEmulator(faults: "unavailable=1,path=/operations") { served in
            var statuses: [String: Int] = [:]
            for path in ["operations", "operations/o1", "datasets", "models"] {
                statuses[path] = try await served.raw("GET", served.v1(path)).status
            }
            #expect(statuses == ["operations": 503, "operations/o1": 503, "datasets": 200, "models": 200])
        }
    }

    @Test func rateLimitAnswers429WithRetryAfter() async throws {
        try await withServedEmulator(faults: "rate-limit=1,retry-after=1s") { served in
            let raw = try await served.raw("GET", served.v1("datasets"))
            #expect(raw.status == 429)
            #expect(raw.header("Retry-After") == "1")
            #expect(raw.errorStatus == "RESOURCE_EXHAUSTED")

            let error = await #expect(throws: AutoMLError.self) {
                _ = try await served.client().listDatasetsPage(in: served.location)
            }
            #expect(error?.code == .resourceExhausted)
            #expect(error?.httpStatus == 429)
            #expect(error?.retryAfter == .seconds(1))
        }
        try await withServedEmulator(faults: "rate-limit=1,retry-after=1500ms") { served in
            let raw = try await served.raw("POST", served.v1("datasets"), body: .text("{}"))
            #expect(raw.status == 429)
            #expect(raw.header("Retry-After") == "2", "HTTP takes whole seconds, rounded up")
        }
    }

    /// The answer of a create is lost after the dataset was made: the server kept it, and the client finds it
    /// instead of making a second one.
    @Test func dropAfterHandlesTheRequestAndLosesTheAnswer() async throws {
        try await withServedEmulator(faults: "drop-after=1,only=POST") { served in
            let body = RawBody.text(
                #"{"displayName":"raw","imageClassificationDatasetMetadata":{"classificationType":"MULTICLASS"}}"#)
            await #expect(throws: (any Error).self, "no answer") {
                _ = try await served.raw("POST", served.v1("datasets"), body: body)
            }
            let dataset = try await served.createDataset("kept")
            #expect(dataset.displayName == "kept")
            let listed = try await served.client().listDatasets(in: served.location).collect()
            #expect(listed.map(\.displayName).sorted() == ["kept", "raw"], "each create was carried out once")
        }
    }

    @Test func dropClosesTheConnectionWithoutAnAnswer() async throws {
        try await withServedEmulator(faults: "drop=1") { served in
            await #expect(throws: (any Error).self) {
                _ = try await served.raw("GET", served.v1("datasets"))
            }
            let once = await #expect(throws: TransportError.self) {
                _ = try await served.client().listDatasetsPage(in: served.location)
            }
            #expect(once?.kind == .connectionReset)

            let log = ExchangeLog()
            let retried = await #expect(throws: TransportError.self) {
                _ = try await served.client(retry: ServedEmulator.fastRetries, log: log.hook)
                    .listDatasetsPage(in: served.location)
            }
            #expect(retried?.kind == .connectionReset)
            #expect(log.all.count == ServedEmulator.fastRetries.maxAttempts, "a GET is retried after a reset")
            #expect(log.statuses.allSatisfy { $0 == nil })
        }
    }

    @Test func latencyDelaysButStillAnswers() async throws {
        try await withServedEmulator(faults: "latency=200ms") { served in
            let dataset = try await served.createDataset()
            let listed = try await served.client().listDatasetsPage(in: served.location)
            #expect(listed.datasets.map(\.name) == [dataset.name])
            let raw = try await served.raw("GET", served.v1("datasets/\(resourceID(dataset.name))"))
            #expect(raw.status == 200)
        }
    }

    @Test func halfUnavailableWithASeedSucceedsWithRetries() async throws {
        try await withServedEmulator(faults: "unavailable=0.5,seed=7") { served in
            let log = ExchangeLog()
            let retry = RetryPolicy(
                maxAttempts: 12, initialBackoff: .milliseconds(2), multiplier: 1.5,
                maxBackoff: .milliseconds(20), jitter: 0)
            let client = served.client(retry: retry, log: log.hook)
            // Creates are not retried once sent (a second one would make a second dataset), so the calls are reads.
            for _ in 0..<10 {
                let page = try await client.listDatasetsPage(in: served.location)
                #expect(page.datasets.isEmpty)
                _ = try await client.listOperationsPage(in: served.location, filter: "done=true")
            }
            #expect(log.statuses.contains(503), "some attempts failed: \(log.statuses)")
            #expect(log.statuses.filter { $0 == 200 }.count == 20)
        }
    }

    @Test func trainFailEndsTrainingWithInternal() async throws {
        try await withServedEmulator(faults: "train-fail=1") { served in
            let dataset = try await served.createDataset()
            try await served.importImages(into: dataset)
            let ended = try await served.settle(try await served.startTraining(on: dataset))
            #expect(ended.done)
            #expect(ended.error?.code == 13)
            #expect(ended.error?.rpcCode == .internal)
            #expect(ended.response == nil)
            let error = #expect(throws: AutoMLError.self) { _ = try AutoMLClient.result(of: ended, as: Model.self) }
            #expect(error?.code == .internal)
            #expect(
                try await served.client().listModelsPage(in: served.location).model.isEmpty,
                "a failed training leaves no model")
        }
    }

    @Test(arguments: ["unavailable=2", "bogus=1", "latency=fast", "drop=0.6,unavailable=0.6", "only=FETCH", "seed=-1"])
    func aBadFaultSpecIsASetupError(spec: String) async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("automl-http-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = await #expect(throws: EmulatorSetupError.self) {
            _ = try await Emulator.start(
                configuration: ServedEmulator.testConfiguration(directory: directory),
                store: try EmulatorStore.inMemory(), clock: SystemClock(),
                trainer: ClockBudgetTrainer(), faults: spec)
        }
        #expect(error?.description.contains("Valid keys") == true, "\(String(describing: error))")
    }
}
