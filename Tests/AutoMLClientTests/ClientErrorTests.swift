import AutoMLClient
import AutoMLTestSupport
import Foundation
import Testing

/// Bad answers and bad input each give one typed error with a clear message, never a crash.
@Suite struct ClientErrorTests {
    @Test func notFoundEnvelopeMapsToItsCode() async throws {
        let envelope = #"""
            {"error":{"code":404,"message":"Model ICN9 does not exist.","status":"NOT_FOUND",
              "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RESOURCE_NOT_FOUND",
                          "domain":"automl.googleapis.com","metadata":{"model":"ICN9"}}]}}
            """#
        try await withLoopbackServer(handler: { _ in .json(envelope, status: 404) }) { server in
            let client = makeClient(server)
            let error = await #expect(throws: AutoMLError.self) {
                _ = try await client.getModel(try testLocation.model("ICN9"))
            }
            #expect(error?.code == .notFound)
            #expect(error?.httpStatus == 404)
            #expect(error?.message == "Model ICN9 does not exist.")
            #expect(error?.errorInfo?.domain == "automl.googleapis.com")
            #expect(error?.description == "NOT_FOUND (HTTP 404): Model ICN9 does not exist.")
            #expect(server.requests.count == 1, "NOT_FOUND is not retried")
        }
    }

    @Test func statusNameWinsOverTheHTTPStatus() async throws {
        let envelope = #"{"error":{"code":400,"message":"model not deployed","status":"FAILED_PRECONDITION"}}"#
        try await withLoopbackServer(handler: { _ in .json(envelope, status: 400) }) { server in
            let error = await #expect(throws: AutoMLError.self) {
                _ = try await makeClient(server).predict(try testLocation.model("ICN1"), payload: ExamplePayload())
            }
            #expect(error?.code == .failedPrecondition)
            #expect(error?.httpStatus == 400)
        }
    }

    @Test func everyCanonicalCodeMapsFromItsName() {
        for raw in Int32(0)...16 {
            let code = RPCCode(rawValue: raw)
            #expect(RPCCode(name: code.name) == code)
        }
        #expect(RPCCode(httpStatus: 503) == .unavailable)
        #expect(RPCCode(httpStatus: 429) == .resourceExhausted)
        #expect(RPCCode(rawValue: 42).name == "CODE_42")
    }

    @Test func errorWithoutJSONBodyKeepsTheText() async throws {
        try await withLoopbackServer(handler: { _ in
            .text(502, "<html><body>\n<h1>502 Bad Gateway</h1>\n</body></html>")
        }) { server in
            let client = makeClient(server)
            let error = await #expect(throws: AutoMLError.self) {
                _ = try await client.createModel(in: testLocation, Model())
            }
            #expect(error?.code == .unavailable)
            #expect(error?.httpStatus == 502)
            #expect(error?.message.contains("502 Bad Gateway") == true)
            #expect(error?.message.contains("\n") == false)
        }
    }

    @Test func successfulResponseThatIsNotJSONIsATransportError() async throws {
        try await withLoopbackServer(handler: { _ in .text(200, "hello, I am not JSON", contentType: "text/plain") }) {
            server in
            let error = await #expect(throws: TransportError.self) {
                _ = try await makeClient(server).getModel(try testLocation.model("ICN1"))
            }
            #expect(error?.kind == .malformedResponse)
            #expect(error?.message.contains("google.cloud.automl.v1.Model") == true)
        }
    }

    @Test func responseOfTheWrongShapeNamesTheField() async throws {
        try await withLoopbackServer(handler: { _ in .json(#"{"name":"x","createTime":"2019-10-29T19:06:38"}"#) }) {
            server in
            let error = await #expect(throws: TransportError.self) {
                _ = try await makeClient(server).getModel(try testLocation.model("ICN1"))
            }
            #expect(error?.message.contains("createTime") == true)
        }
    }

    @Test func unreachableHostIsAConnectFailure() async throws {
        let refusing = try RefusingLoopbackPort()
        let port = refusing.port
        let sleeper = SleepRecorder()
        // A deadline no loaded machine reaches: the recorded waits are not slept, but each refused connect takes
        // real time, and with many tests starting at once the default 10 s cut the fifth attempt off.
        let client = makeClient(endpoint: "http://127.0.0.1:\(port)", timeout: .seconds(120), sleeper: sleeper)
        let error = await #expect(throws: TransportError.self) {
            _ = try await client.listModelsPage(in: testLocation)
        }
        #expect(error?.kind == .connectFailed)
        #expect(error?.requestMayHaveBeenSent == false)
        #expect(error?.description.contains("127.0.0.1:\(port)") == true)
        #expect(sleeper.waits.count == RetryPolicy().maxAttempts - 1, "a failed connect is retried")
        withExtendedLifetime(refusing) {}
    }

    @Test func malformedNamesAreRejectedBeforeAnyRequest() async throws {
        try await withLoopbackServer(handler: { _ in .json("{}") }) { server in
            let client = makeClient(server)
            #expect(throws: ResourceNameError.self) { _ = try LocationName(project: "", location: "us-central1") }
            #expect(throws: ResourceNameError.self) { _ = try testLocation.model("ICN 1") }
            #expect(throws: ResourceNameError.self) { _ = try ModelName(parsing: "projects/p/models/ICN1") }
            var model = Model()
            model.name = "projects/p/locations/us-central1/datasets/ICN1"
            await #expect(throws: ResourceNameError.self) { _ = try await client.updateModel(model) }
            #expect(server.requests.isEmpty)
        }
    }
}
