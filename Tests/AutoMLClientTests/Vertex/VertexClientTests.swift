import AutoMLClient
import AutoMLTestSupport
import Foundation
import Testing

/// The Vertex AI client's calls on the wire, each over a real loopback socket, as vertex-ai-image.md describes them.
@Suite struct VertexClientTests {
    private static let pipelinePath = "/v1/projects/p/locations/us-central1/trainingPipelines"

    private func vertexClient(_ server: LoopbackHTTPServer) -> VertexClient {
        VertexClient(sharing: makeClient(server), endpoint: server.baseURL)
    }

    private static func pipelineJSON(_ state: String, error: String = "") -> String {
        """
        {"name": "projects/123/locations/us-central1/trainingPipelines/987", "displayName": "flowers-1",
         "state": "\(state)", "modelToUpload": {"name": "projects/123/locations/us-central1/models/555"}\(error)}
        """
    }

    @Test func aTrainingPipelineIsCreatedAndFollowedToItsModel() async throws {
        let polls = Counter()
        try await withLoopbackServer(handler: { request in
            switch (request.method, request.path) {
            case ("POST", Self.pipelinePath): return .json(Self.pipelineJSON("PIPELINE_STATE_PENDING"))
            // Polled at the name the service gave (its project number), not the one asked with.
            case ("GET", "/v1/projects/123/locations/us-central1/trainingPipelines/987"):
                return .json(
                    Self.pipelineJSON(polls.next() < 2 ? "PIPELINE_STATE_RUNNING" : "PIPELINE_STATE_SUCCEEDED"))
            default: return .json(#"{"error":{"code":404,"message":"no route","status":"NOT_FOUND"}}"#, status: 404)
            }
        }) { server in
            let client = vertexClient(server)
            var pipeline = VertexTrainingPipeline()
            pipeline.displayName = "flowers-1"
            pipeline.trainingTaskDefinition = VertexSchema.Training.classification
            var inputs = VertexImageTrainingInputs()
            inputs.modelType = "CLOUD"
            inputs.budgetMilliNodeHours = 24_000
            pipeline.trainingTaskInputs = inputs.json
            var data = VertexInputDataConfig()
            data.datasetId = "1234567890123456789"
            pipeline.inputDataConfig = data
            var model = VertexModel()
            model.displayName = "flowers_m1"
            pipeline.modelToUpload = model

            let created = try await client.createTrainingPipeline(in: testLocation, pipeline)
            #expect(created.state == .pending)
            let request = try #require(server.requests.first)
            #expect(request.header("x-goog-request-params") == "parent=projects/p/locations/us-central1")
            let body = try #require(bodyJSON(request))
            #expect(body["trainingTaskInputs"]?["budgetMilliNodeHours"] == .string("24000"))
            #expect(body["inputDataConfig"]?["datasetId"] == .string("1234567890123456789"))
            #expect(body["modelToUpload"]?["displayName"] == .string("flowers_m1"))
            #expect(body["state"] == nil, "output-only defaults are not sent")

            let finished = try await client.waitForPipeline(try #require(created.pipelineName))
            #expect(finished.state == .succeeded)
            #expect(finished.modelToUpload?.modelName?.id == "555")
            #expect(server.requests.count == 3, "created, then polled until it succeeded")
        }
    }

    @Test func aCancelledPipelineIsThrownAsItsError() async throws {
        let cancelled = Self.pipelineJSON(
            "PIPELINE_STATE_CANCELLED", error: #", "error": {"code": 1, "message": "CANCELLED"}"#)
        try await withLoopbackServer(handler: { request in
            request.path.hasSuffix(":cancel") ? .json("{}") : .json(cancelled)
        }) { server in
            let client = vertexClient(server)
            let name = try VertexTrainingPipelineName(parsing: "projects/p/locations/us-central1/trainingPipelines/987")
            try await client.cancelTrainingPipeline(name)
            #expect(server.requests[0].path == Self.pipelinePath + "/987:cancel")
            #expect(String(decoding: server.requests[0].body, as: UTF8.self) == "{}", "as Google's client sends it")
            let error = await #expect(throws: AutoMLError.self) { try await client.waitForPipeline(name) }
            #expect(error?.code == .cancelled)
        }
    }

    @Test func datasetOperationsNestedUnderTheDatasetAreWaitedFor() async throws {
        let operation = "projects/123/locations/us-central1/datasets/456/operations/789"
        let metadata = #"{"@type": "type.googleapis.com/google.cloud.aiplatform.v1.CreateDatasetOperationMetadata"}"#
        try await withLoopbackServer(handler: { request in
            if request.method == "POST" { return .json(#"{"name": "\#(operation)", "metadata": \#(metadata)}"#) }
            return .json(
                #"{"name": "\#(operation)", "metadata": \#(metadata), "done": true, "response": {"@type": "type.googleapis.com/google.cloud.aiplatform.v1.Dataset", "name": "projects/123/locations/us-central1/datasets/456", "displayName": "flowers"}}"#
            )
        }) { server in
            let client = vertexClient(server)
            var dataset = VertexDataset()
            dataset.displayName = "flowers"
            let started = try await client.createDataset(in: testLocation, dataset)
            #expect(bodyJSON(server.requests[0])?["metadataSchemaUri"] == .string(VertexSchema.imageDataset))
            let made = try await client.wait(for: started, as: VertexDataset.self)
            #expect(made.datasetName?.id == "456")
            #expect(server.requests[1].path == "/v1/" + operation, "polled at the name the service gave")
        }
    }

    @Test func deployPredictAndCancelSendWhatTheServiceExpects() async throws {
        try await withLoopbackServer(handler: { request in
            if request.path.hasSuffix(":predict") {
                return .json(
                    #"{"predictions": [{"ids": ["1"], "displayNames": ["daisy"], "confidences": [0.9]}], "deployedModelId": "42"}"#
                )
            }
            return .json(#"{"name": "projects/p/locations/us-central1/endpoints/7/operations/8"}"#)
        }) { server in
            let client = vertexClient(server)
            let endpoint = try testLocation.vertex(VertexEndpointName.self, "7")
            let model = try testLocation.vertex(VertexModelName.self, "555")
            _ = try await client.deployModel(model, to: endpoint, replicas: 2)
            let deploy = try #require(bodyJSON(server.requests[0]))
            #expect(server.requests[0].path == "/v1/projects/p/locations/us-central1/endpoints/7:deployModel")
            #expect(deploy["deployedModel"]?["model"] == .string(model.description))
            #expect(deploy["deployedModel"]?["automaticResources"]?["maxReplicaCount"] == .integer(2))
            #expect(deploy["trafficSplit"] == .object(["0": .integer(100)]))

            let answer = try await client.predict(
                endpoint, images: [Data([1, 2, 3])], confidenceThreshold: 0.5, maxPredictions: 5)
            #expect(answer.deployedModelId == "42")
            let predict = try #require(bodyJSON(server.requests[1]))
            #expect(predict["instances"] == .array([.object(["content": .string("AQID")])]))
            #expect(predict["parameters"]?["confidenceThreshold"] == .number(0.5))

            let operation = try VertexOperationName(
                parsing: "projects/p/locations/us-central1/endpoints/7/operations/8")
            try await client.cancelOperation(operation)
            #expect(server.requests[2].path == "/v1/\(operation):cancel")
            #expect(server.requests[2].body.isEmpty, "the binding has no body")

            let waited = try await client.waitOperation(operation, timeout: .milliseconds(2500))
            #expect(waited.name == operation.description)
            #expect(server.requests[3].method == "POST" && server.requests[3].path == "/v1/\(operation):wait")
            #expect(server.requests[3].query["timeout"] == "2.500s")
            #expect(server.requests[3].body.isEmpty, "the timeout goes in the query; the binding has no body")
        }
    }

    @Test func theRegionalHostNamesTheLocation() {
        #expect(VertexClient.regionalEndpoint(for: "europe-west4") == "https://europe-west4-aiplatform.googleapis.com")
    }
}
