import AutoMLClient
import AutoMLTestSupport
import Foundation
import Synchronization
import Testing

/// A call that starts an operation and loses its answer is not sent again blindly: the client looks for the
/// operation it would have started first, so nothing is made twice.
@Suite struct ClientReconcileTests {
    /// A training operation created now (by the fixed clock of the tests' environment, 1,700,000,000 s).
    static func training(_ id: String, createdAt seconds: Int64 = 1_700_000_000) -> String {
        """
        {"name":"projects/p/locations/us-central1/operations/\(id)","metadata":{"@type":\
        "type.googleapis.com/google.cloud.automl.v1.OperationMetadata","createModelDetails":{},\
        "createTime":"\(Timestamp(seconds: seconds).rfc3339)"}}
        """
    }

    static func listing(_ operations: [String]) -> String { #"{"operations":[\#(operations.joined(separator: ","))]}"# }

    /// A server whose POSTs get `posts` in turn (then 200 with a training) and whose operation listings get
    /// `listings` in turn (then an empty one).
    private func server(posts: [LoopbackResponse], listings: [String])
        -> @Sendable (RecordedRequest) -> LoopbackResponse
    {
        let state = Mutex((posts: posts[...], listings: listings[...]))
        return { request in
            state.withLock { state in
                if request.method == "POST" {
                    return state.posts.popFirst() ?? .json(Self.training("new"))
                }
                return .json(state.listings.popFirst() ?? Self.listing([]))
            }
        }
    }

    private func methods(_ server: LoopbackHTTPServer) -> [String] {
        server.requests.map { "\($0.method) \($0.path.split(separator: "/").last ?? "")" }
    }

    @Test func aLostAnswerWhoseWorkIsNotThereIsSentAgainAfterLooking() async throws {
        try await withLoopbackServer(handler: server(posts: [.dropConnection], listings: [])) { server in
            let operation = try await makeClient(server).createModel(in: testLocation, Model())
            #expect(operation.operationName?.operation == "new")
            #expect(methods(server) == ["POST models", "GET operations", "POST models"])
        }
    }

    @Test func aLostAnswerWhoseWorkIsThereIsNotSentAgain() async throws {
        let started = Self.listing([Self.training("made")])
        try await withLoopbackServer(handler: server(posts: [.dropConnection], listings: [started])) { server in
            let operation = try await makeClient(server).createModel(in: testLocation, Model())
            #expect(operation.operationName?.operation == "made", "the training the lost request started")
            #expect(methods(server) == ["POST models", "GET operations"])
        }
    }

    @Test func anOlderOperationIsNotTakenForTheCallsOwn() async throws {
        let older = Self.listing([Self.training("old", createdAt: 1_699_999_000)])
        try await withLoopbackServer(handler: server(posts: [.dropConnection], listings: [older])) { server in
            let operation = try await makeClient(server).createModel(in: testLocation, Model())
            #expect(operation.operationName?.operation == "new")
            #expect(methods(server) == ["POST models", "GET operations", "POST models"])
        }
    }

    @Test func twoOperationsThatCouldBeItStopWithoutSending() async throws {
        let two = Self.listing([Self.training("a"), Self.training("b")])
        try await withLoopbackServer(handler: server(posts: [.dropConnection], listings: [two])) { server in
            let error = await #expect(throws: AutoMLError.self) {
                _ = try await makeClient(server).createModel(in: testLocation, Model())
            }
            #expect(error?.code == .aborted)
            #expect(error?.message.contains("a, b") == true)
            #expect(methods(server) == ["POST models", "GET operations"])
        }
    }

    @Test func unavailableAndRateLimitsAreSentAgainAfterTheirWaits() async throws {
        let unavailable = LoopbackResponse.json(
            #"{"error":{"code":503,"message":"later","status":"UNAVAILABLE"}}"#, status: 503)
        let limited = LoopbackResponse.json(
            #"{"error":{"code":429,"message":"slow","status":"RESOURCE_EXHAUSTED"}}"#, status: 429,
            headers: [("Retry-After", "2")])
        let sleeper = SleepRecorder()
        try await withLoopbackServer(handler: server(posts: [unavailable, limited], listings: [])) { server in
            let operation = try await makeClient(server, sleeper: sleeper).createModel(in: testLocation, Model())
            #expect(operation.operationName?.operation == "new")
            // The 503 may have come after the work began: look first. The 429 refused it: send again at once.
            #expect(methods(server) == ["POST models", "GET operations", "POST models", "POST models"])
            #expect(sleeper.waits.contains(.seconds(2)), "Retry-After is honoured")
        }
    }

    @Test func afterTheLastSendTheErrorSaysNothingWasDone() async throws {
        try await withLoopbackServer(handler: { request in
            request.method == "POST" ? .dropConnection : .json(Self.listing([]))
        }) { server in
            let error = await #expect(throws: TransportError.self) {
                _ = try await makeClient(server).createModel(in: testLocation, Model())
            }
            #expect(
                error?.message.contains("the service has no operation from it (checked), so nothing was done") == true)
            #expect(server.requests.filter { $0.method == "POST" }.count == 8)
        }
    }
}
