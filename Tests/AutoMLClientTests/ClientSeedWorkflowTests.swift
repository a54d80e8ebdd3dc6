import AutoMLClient
import AutoMLTestSupport
import Foundation
import Testing

/// The calls of the seed page (shared/seed/training-cloud-hosted-models.txt), each over a real loopback socket.
@Suite struct ClientSeedWorkflowTests {
    @Test func createModelWithBudgetSendsTheV1Body() async throws {
        try await withLoopbackServer(handler: { _ in .json(operationJSON("ICN3819960680614725486")) }) { server in
            let client = makeClient(server, credentials: StaticTokenCredentials(token: "tok-abc"), quotaProject: "p")
            var model = Model()
            model.displayName = "flowers_m1"
            model.datasetId = "ICN222"
            var metadata = ImageClassificationModelMetadata()
            metadata.trainBudgetMilliNodeHours = 24_000
            metadata.modelType = "cloud"
            model.imageClassificationModelMetadata = metadata

            let operation = try await client.createModel(in: testLocation, model)

            #expect(operation.operationName?.operation == "ICN3819960680614725486")
            #expect(operation.automlMetadata?.kind == "createModel")
            #expect(!operation.done)
            let request = try #require(server.requests.first)
            #expect(request.method == "POST")
            #expect(request.path == "/v1/projects/p/locations/us-central1/models")
            #expect(request.header("Authorization") == "Bearer tok-abc")
            #expect(request.header("x-goog-user-project") == "p")
            #expect(request.header("Content-Type")?.hasPrefix("application/json") == true)
            #expect(request.header("x-goog-request-params") == "parent=projects/p/locations/us-central1")
            let body = try #require(bodyJSON(request))
            #expect(body["displayName"] == .string("flowers_m1"))
            #expect(body["datasetId"] == .string("ICN222"))
            #expect(body["imageClassificationModelMetadata"]?["trainBudgetMilliNodeHours"] == .string("24000"))
            #expect(body["imageClassificationModelMetadata"]?["modelType"] == .string("cloud"))
            #expect(body["name"] == nil, "output-only defaults are not sent")
        }
    }

    @Test func resumableTrainingSendsBaseModelId() async throws {
        try await withLoopbackServer(handler: { _ in .json(operationJSON("ICN2106290444865378475")) }) { server in
            let client = makeClient(server)
            var model = Model()
            model.displayName = "flowers_m2"
            model.datasetId = "ICN222"
            var metadata = ImageClassificationModelMetadata()
            metadata.baseModelId = "ICN444"
            metadata.trainBudgetMilliNodeHours = 8000
            metadata.modelType = "mobile-low-latency-1"
            model.imageClassificationModelMetadata = metadata

            _ = try await client.createModel(in: testLocation, model)

            let request = try #require(server.requests.first)
            let body = try #require(bodyJSON(request))
            #expect(body["imageClassificationModelMetadata"]?["baseModelId"] == .string("ICN444"))
            #expect(body["imageClassificationModelMetadata"]?["trainBudgetMilliNodeHours"] == .string("8000"))
        }
    }

    @Test func listGetAndCancelOperations() async throws {
        try await withLoopbackServer(handler: { request in
            switch (request.method, request.path) {
            case ("GET", "/v1/projects/p/locations/us-central1/operations"):
                var response = ListOperationsResponse()
                response.operations = [makeOperation("ICN1")]
                return .json(response.jsonText)
            case ("GET", "/v1/projects/p/locations/us-central1/operations/ICN1"):
                return .json(operationJSON("ICN1", progress: 40))
            case ("POST", "/v1/projects/p/locations/us-central1/operations/ICN1:cancel"):
                return .json("{}")
            default:
                return .json(#"{"error":{"code":404,"message":"no such route","status":"NOT_FOUND"}}"#, status: 404)
            }
        }) { server in
            let client = makeClient(server)
            let listed = try await client.listOperations(in: testLocation, filter: "done=false").collect()
            #expect(listed.map(\.name) == ["projects/123/locations/us-central1/operations/ICN1"])
            #expect(server.requests[0].query["filter"] == "done=false")
            #expect(server.requests[0].header("x-goog-request-params") == "name=projects/p/locations/us-central1")

            let name = try testLocation.operation("ICN1")
            let operation = try await client.getOperation(name)
            #expect(operation.automlMetadata?.progressPercent == 40)

            try await client.cancelOperation(name)
            let cancel = try #require(server.requests.last)
            #expect(cancel.method == "POST")
            #expect(cancel.body.isEmpty, "cancel is sent with no body, as the official client sends it")
        }
    }

    @Test func waitPollsUntilTheModelIsTrained() async throws {
        let polls = Counter()
        try await withLoopbackServer(handler: { request in
            let poll = polls.next()
            guard poll >= 4 else { return .json(operationJSON("ICN5", progress: Int32((poll - 1) * 30))) }
            return .json(operationJSON("ICN5", done: true, response: ProtoAny(trainedModel("ICN444")), progress: 100))
        }) { server in
            let sleeper = SleepRecorder()
            let client = makeClient(server, sleeper: sleeper)
            let name = try testLocation.operation("ICN5")
            var seen: [Int32] = []
            for try await state in client.progress(of: name) {
                seen.append(state.automlMetadata?.progressPercent ?? -1)
            }
            #expect(seen == [0, 30, 60, 100])

            let model = try await client.wait(for: name, as: Model.self)
            #expect(model.modelName?.model == "ICN444")
            #expect(model.imageClassificationModelMetadata?.trainCostMilliNodeHours == 23_500)
            #expect(sleeper.waits.first == PollPolicy.standard.delay(beforePoll: 1))
        }
    }

    @Test func waitThrowsTheOperationsErrorWhenCancelled() async throws {
        let cancelled = Status(code: .cancelled, message: "LongRunningOperation cancelled by the caller.")
        try await withLoopbackServer(handler: { _ in .json(operationJSON("ICN6", done: true, error: cancelled)) }) {
            server in
            let client = makeClient(server)
            let error = await #expect(throws: AutoMLError.self) {
                _ = try await client.wait(for: try testLocation.operation("ICN6"), as: Model.self)
            }
            #expect(error?.code == .cancelled)
            #expect(error?.httpStatus == nil)
            #expect(error?.message == "LongRunningOperation cancelled by the caller.")
        }
    }

    @Test func waitGivesUpAtItsTimeoutWithoutStoppingTheOperation() async throws {
        try await withLoopbackServer(handler: { _ in .json(operationJSON("ICN7")) }) { server in
            let client = makeClient(server)
            let policy = PollPolicy(
                initialDelay: .milliseconds(10), maxDelay: .milliseconds(10),
                timeout: .milliseconds(1))
            let error = await #expect(throws: AutoMLError.self) {
                _ = try await client.wait(for: try testLocation.operation("ICN7"), as: Model.self, policy: policy)
            }
            #expect(error?.code == .deadlineExceeded)
            #expect(server.requests.allSatisfy { !$0.path.hasSuffix(":cancel") })
        }
    }

    /// Polls that keep failing for passing reasons (beyond each call's own retries) do not end the wait; the
    /// operation goes on and the wait with it, within its patience. Other errors end it at once.
    @Test func waitPollsThroughABusyServer() async throws {
        let polls = Counter()
        try await withLoopbackServer(handler: { _ in
            let poll = polls.next()
            if poll <= 20 {
                return poll.isMultiple(of: 2)
                    ? .dropConnection
                    : .json(#"{"error":{"code":503,"message":"busy","status":"UNAVAILABLE"}}"#, status: 503)
            }
            return .json(operationJSON("ICN7", done: true, response: ProtoAny(trainedModel("ICN7"))))
        }) { server in
            let policy = PollPolicy(initialDelay: .milliseconds(1), maxDelay: .milliseconds(1))
            let model = try await makeClient(server).wait(
                for: try testLocation.operation("ICN7"), as: Model.self, policy: policy)
            #expect(model.modelName?.model == "ICN7")
            #expect(server.requests.count == 21)
        }
        try await withLoopbackServer(handler: { _ in
            .json(#"{"error":{"code":403,"message":"no","status":"PERMISSION_DENIED"}}"#, status: 403)
        }) { server in
            let error = await #expect(throws: AutoMLError.self) {
                _ = try await makeClient(server).wait(for: try testLocation.operation("ICN7"), as: Model.self)
            }
            #expect(error?.code == .permissionDenied)
            #expect(server.requests.count == 1)
        }
    }

    @Test func getListAndDeleteModels() async throws {
        try await withLoopbackServer(handler: { request in
            switch (request.method, request.path) {
            case ("GET", "/v1/projects/p/locations/us-central1/models/ICN444"):
                return .json(trainedModel("ICN444").jsonText)
            case ("GET", "/v1/projects/p/locations/us-central1/models"):
                var page = ListModelsResponse()
                if request.query["pageToken"] == nil {
                    page.model = [trainedModel("ICN444"), trainedModel("ICN445")]
                    page.nextPageToken = "page-2"
                } else {
                    page.model = [trainedModel("ICN446")]
                }
                return .json(page.jsonText)
            case ("DELETE", "/v1/projects/p/locations/us-central1/models/ICN444"):
                return .json(operationJSON("ICN8", kind: "deleteDetails", done: true, response: ProtoAny(Empty())))
            default:
                return .json(#"{"error":{"code":404,"message":"not found","status":"NOT_FOUND"}}"#, status: 404)
            }
        }) { server in
            let client = makeClient(server)
            let name = try testLocation.model("ICN444")
            let model = try await client.getModel(name)
            #expect(model.deploymentState == .undeployed)

            let models = try await client.listModels(in: testLocation, filter: "dataset_id=ICN222", pageSize: 2)
                .collect()
            #expect(models.map { $0.modelName?.model } == ["ICN444", "ICN445", "ICN446"])
            let listCalls = server.requests.filter { $0.path.hasSuffix("/models") }
            #expect(listCalls.count == 2)
            #expect(
                listCalls.allSatisfy { $0.query["filter"] == "dataset_id=ICN222" && $0.query["pageSize"] == "2" },
                "each page re-sends the filter and page size")
            #expect(listCalls[1].query["pageToken"] == "page-2")

            let deletion = try await client.deleteModel(name)
            _ = try AutoMLClient.result(of: deletion, as: Empty.self)
            #expect(server.requests.last?.method == "DELETE")
        }
    }
}
