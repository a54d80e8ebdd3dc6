import AutoMLClient
import AutoMLTestSupport
import Foundation
import Testing

/// Retries over real sockets: idempotent calls retry on 503, 429 and dropped connections; creates never
/// retry once the request may have been sent.
@Suite struct ClientRetryTests {
    private let unavailable = #"{"error":{"code":503,"message":"try later","status":"UNAVAILABLE"}}"#

    @Test func idempotentCallRetriesOnUnavailable() async throws {
        let calls = Counter()
        try await withLoopbackServer(handler: { [unavailable] _ in
            calls.next() < 3 ? .json(unavailable, status: 503) : .json(trainedModel("ICN1").jsonText)
        }) { server in
            let sleeper = SleepRecorder()
            let model = try await makeClient(server, sleeper: sleeper).getModel(try testLocation.model("ICN1"))
            #expect(model.displayName == "flowers_m1")
            #expect(server.requests.count == 3)
            let policy = RetryPolicy()
            #expect(
                sleeper.waits == [
                    policy.backoff(beforeAttempt: 2, random: { 0.5 }),
                    policy.backoff(beforeAttempt: 3, random: { 0.5 }),
                ])
        }
    }

    @Test func tooManyRequestsHonoursRetryAfter() async throws {
        let calls = Counter()
        try await withLoopbackServer(handler: { _ in
            calls.next() == 1
                ? .json(
                    #"{"error":{"code":429,"message":"slow down","status":"RESOURCE_EXHAUSTED"}}"#, status: 429,
                    headers: [("Retry-After", "3")])
                : .json(#"{"model":[]}"#)
        }) { server in
            let sleeper = SleepRecorder()
            // A deadline far beyond the wait: on a loaded machine the first answer alone has taken 8 s, and a wait
            // past the deadline is given up at once (the next test).
            _ = try await makeClient(server, timeout: .seconds(120), sleeper: sleeper).listModelsPage(in: testLocation)
            #expect(sleeper.waits == [.seconds(3)])
            #expect(server.requests.count == 2)
        }
    }

    @Test func retryAfterBeyondTheDeadlineGivesUpAtOnce() async throws {
        try await withLoopbackServer(handler: { _ in
            .json(
                #"{"error":{"code":429,"message":"slow down","status":"RESOURCE_EXHAUSTED"}}"#, status: 429,
                headers: [("Retry-After", "120")])
        }) { server in
            let sleeper = SleepRecorder()
            let client = makeClient(server, timeout: .seconds(5), sleeper: sleeper)
            let error = await #expect(throws: AutoMLError.self) {
                _ = try await client.listModelsPage(in: testLocation)
            }
            #expect(error?.code == .resourceExhausted)
            #expect(error?.retryAfter == .seconds(120))
            #expect(sleeper.waits.isEmpty)
            #expect(server.requests.count == 1)
        }
    }

    @Test func droppedConnectionIsRetriedForAGet() async throws {
        let calls = Counter()
        try await withLoopbackServer(handler: { _ in
            calls.next() == 1 ? .dropConnection : .json(trainedModel("ICN1").jsonText)
        }) { server in
            let model = try await makeClient(server).getModel(try testLocation.model("ICN1"))
            #expect(model.modelName?.model == "ICN1")
            #expect(server.requests.count == 2)
        }
    }

    @Test func deadlineCutsASlowCallShort() async throws {
        try await withLoopbackServer(handler: { _ in
            try? await Task.sleep(for: .seconds(3))
            return .json("{}")
        }) { server in
            let client = makeClient(server, timeout: .milliseconds(300))
            let error = await #expect(throws: TransportError.self) {
                _ = try await client.getModel(try testLocation.model("ICN1"))
            }
            #expect(error?.kind == .timedOut)
        }
    }

    @Test func perCallOptionsOverrideTheConfiguration() async throws {
        try await withLoopbackServer(handler: { [unavailable] _ in .json(unavailable, status: 503) }) { server in
            let options = CallOptions(retry: .disabled)
            await #expect(throws: AutoMLError.self) {
                _ = try await makeClient(server).getModel(try testLocation.model("ICN1"), options: options)
            }
            #expect(server.requests.count == 1)
        }
    }
}
