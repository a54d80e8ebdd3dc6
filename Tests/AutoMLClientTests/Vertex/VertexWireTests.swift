import AutoMLWire
import Foundation
import Testing

/// The Vertex AI messages read what the service and Google's Python client send (vertex-ai-image.md), and write it
/// back as the service does.
@Suite struct VertexWireTests {
    private func read<Message: ProtoMessage>(_ type: Message.Type, _ json: String) throws -> Message {
        try Message(jsonData: Data(json.utf8))
    }

    @Test func modelTypesHaveTheirVertexNamesAndBack() throws {
        #expect(ImageModelType.named("cloud", detection: false)?.vertexName == "CLOUD")
        #expect(ImageModelType.named("mobile-versatile-1", detection: true)?.vertexName == "MOBILE_TF_VERSATILE_1")
        #expect(ImageModelType.named("cloud-low-latency-1", detection: true)?.vertexName == "CLOUD_LOW_LATENCY_1")
        #expect(ImageModelType.named("mobile-core-ml-versatile-1", detection: false)?.vertexName == nil)
        #expect(
            ImageModelType(vertexName: "MOBILE_TF_HIGH_ACCURACY_1", detection: false)?.name == "mobile-high-accuracy-1")
        #expect(ImageModelType(vertexName: "", detection: true)?.name == "cloud-high-accuracy-1")
        #expect(ImageModelType(vertexName: "", detection: false)?.name == "cloud")
        #expect(ImageModelType(vertexName: "CLOUD", detection: true) == nil)
        #expect(ImageModelType(vertexName: "CLOUD_1", detection: false) == nil)
        #expect(ImageModelType.vertexNames(detection: false).count == 4)
        for detection in [false, true] {
            for name in ImageModelType.vertexNames(detection: detection) {
                #expect(ImageModelType(vertexName: name, detection: detection)?.vertexName == name)
            }
        }
    }

    @Test func aFinishedPipelineReadsWithItsInputsModelAndState() throws {
        let pipeline = try read(
            VertexTrainingPipeline.self,
            """
            {"name": "projects/123/locations/us-central1/trainingPipelines/987", "displayName": "flowers-train-1",
             "inputDataConfig": {"datasetId": "1234567890123456789",
                                 "fractionSplit": {"trainingFraction": 0.8, "validationFraction": 0.1, "testFraction": 0.1}},
             "trainingTaskDefinition": "\(VertexSchema.Training.classification)",
             "trainingTaskInputs": {"modelType": "CLOUD", "budgetMilliNodeHours": "24000", "multiLabel": false},
             "trainingTaskMetadata": {"costMilliNodeHours": "23981", "successfulStopReason": "BUDGET_REACHED"},
             "modelToUpload": {"name": "projects/123/locations/us-central1/models/555", "displayName": "flowers_m1",
                               "versionId": "1"},
             "state": "PIPELINE_STATE_SUCCEEDED", "createTime": "2026-12-04T10:00:00.123456Z"}
            """)
        #expect(pipeline.state == .succeeded && pipeline.state.isTerminal)
        #expect(pipeline.inputDataConfig?.fractionSplit?.trainingFraction == 0.8)
        let inputs = try VertexImageTrainingInputs(json: pipeline.trainingTaskInputs)
        #expect(inputs.modelType == "CLOUD" && inputs.budgetMilliNodeHours == 24000 && !inputs.multiLabel)
        let model = try #require(pipeline.modelToUpload?.modelName)
        let asked = try LocationName(project: "my-project", location: "us-central1").vertex(VertexModelName.self, "555")
        #expect(model.sameResource(as: asked), "the service names the project by number")
        #expect(!model.sameResource(as: try asked.parent.vertex(VertexModelName.self, "556")))
        let otherNumber = try LocationName(project: "456", location: "us-central1").vertex(VertexModelName.self, "555")
        #expect(!model.sameResource(as: otherNumber), "two project numbers are two projects")
        #expect(try read(VertexTrainingPipeline.self, String(decoding: pipeline.jsonData(), as: UTF8.self)) == pipeline)
    }

    @Test func trainingInputsReadWhatThePythonClientSendsAndRefuseUnknownMembers() throws {
        let python = try JSONValue(
            parsing: Data(
                #"{"modelType": "CLOUD", "budgetMilliNodeHours": 8000.0, "disableEarlyStopping": false, "multiLabel": "true", "uptrainBaseModelId": "42"}"#
                    .utf8))
        let inputs = try VertexImageTrainingInputs(json: python)
        #expect(inputs.budgetMilliNodeHours == 8000 && inputs.multiLabel && inputs.uptrainBaseModelId == "42")
        #expect(inputs.json["budgetMilliNodeHours"] == .string("8000"))
        #expect(throws: VertexImageTrainingInputs.Problem.self) {
            try VertexImageTrainingInputs(json: .object(["trainBudget": .integer(1)]))
        }
        #expect(throws: VertexImageTrainingInputs.Problem.self) {
            try VertexImageTrainingInputs(json: .object(["budgetMilliNodeHours": .number(8000.5)]))
        }
    }

    @Test(arguments: [
        "projects/123/locations/us-central1/operations/321",
        "projects/123/locations/us-central1/datasets/456/operations/789",
        "projects/p/locations/l/endpoints/7/operations/8",
        "projects/p/locations/l/models/5/evaluations/6/operations/9",
        "projects/p/locations/l/trainingPipelines/1/operations/2",
    ])
    func operationNamesNestedUnderTheirResourceParseAndPrintBack(text: String) throws {
        let name = try VertexOperationName(parsing: text)
        #expect(name.description == text)
        #expect(name.parent.location == text.split(separator: "/")[3].description)
    }

    @Test(arguments: [
        "operations/77", "projects/p/locations/l/bogus/1/operations/2", "projects/p/locations/l/datasets/1",
        "projects/p/locations/l/datasets//operations/2", "projects/p/locations/l/operations/a b",
    ])
    func malformedOperationNamesAreRefused(text: String) {
        #expect(throws: ResourceNameError.self) { try VertexOperationName(parsing: text) }
    }

    @Test func modelNamesMayNameAVersionOrAnAlias() throws {
        let versioned = try VertexModelName(parsing: "projects/p/locations/l/models/123@2")
        #expect(versioned.description == "projects/p/locations/l/models/123@2")
        #expect(versioned.modelID == "123" && versioned.version == "2" && versioned.id == "123@2")
        #expect(versioned.unversioned.description == "projects/p/locations/l/models/123")
        let alias = try VertexModelName(parsing: "projects/p/locations/l/models/123@default")
        #expect(alias.version == "default" && alias.unversioned == versioned.unversioned)
        let plain = try VertexModelName(parsing: "projects/p/locations/l/models/123")
        #expect(plain.version == nil && plain.modelID == "123" && plain.unversioned == plain)
        let evaluation = try VertexModelEvaluationName(parsing: "projects/p/locations/l/models/123@1/evaluations/9")
        #expect(evaluation.model == (try VertexModelName(parsing: "projects/p/locations/l/models/123@1")))
        for bad in ["models/123@", "models/@2", "models/1@2@3", "models/1@a b"] {
            #expect(throws: ResourceNameError.self, "\(bad)") {
                try VertexModelName(parsing: "projects/p/locations/l/" + bad)
            }
        }
        // Only models take versions.
        #expect(throws: ResourceNameError.self) {
            try VertexDatasetName(parsing: "projects/p/locations/l/datasets/1@2")
        }
        #expect(throws: ResourceNameError.self) { try ModelName(parsing: "projects/p/locations/l/models/ICN1@2") }
    }

    @Test func operationMetadataIsPackedAsEachMethodsTypeWithOnlyItsMembers() throws {
        var metadata = VertexOperationMetadata()
        var generic = VertexGenericOperationMetadata()
        generic.createTime = Timestamp(seconds: 1_700_000_000)
        metadata.genericMetadata = generic
        metadata.gcsOutputDirectory = "gs://b/export-data-flowers-2026/"
        let export = metadata.packed(as: .exportData)
        #expect(export.typeURL == "type.googleapis.com/google.cloud.aiplatform.v1.ExportDataOperationMetadata")
        #expect(export.fields["gcsOutputDirectory"] != nil)
        let create = metadata.packed(as: .createDataset)
        #expect(create.fields["gcsOutputDirectory"] == nil, "Google's clients refuse members a type does not have")
        #expect(VertexOperationKind.delete.responseTypeURL == "type.googleapis.com/google.protobuf.Empty")
        #expect(VertexOperationKind(metadataTypeURL: create.typeURL) == .createDataset)

        let operation = try read(
            LongRunningOperation.self,
            """
            {"name": "projects/123/locations/us-central1/datasets/456/operations/789",
             "metadata": {"@type": "type.googleapis.com/google.cloud.aiplatform.v1.CreateDatasetOperationMetadata",
                          "genericMetadata": {"createTime": "2024-04-01T12:34:56.123456Z",
                                              "updateTime": "2024-04-01T12:34:56.123456Z"}}}
            """)
        #expect(operation.vertexMetadata?.genericMetadata?.createTime != nil)
        #expect(operation.vertexOperationName?.owner.first?.collection == "datasets")
    }

    @Test func deployPredictAndEndpointMessagesKeepWhatTheServiceSends() throws {
        let deploy = try read(
            VertexDeployModelRequest.self,
            """
            {"deployedModel": {"model": "projects/P/locations/us-central1/models/555", "displayName": "flowers_m1",
                               "automaticResources": {"minReplicaCount": 1, "maxReplicaCount": 2}},
             "trafficSplit": {"0": 100}}
            """)
        #expect(deploy.deployedModel?.automaticResources?.maxReplicaCount == 2)
        #expect(deploy.trafficSplit == ["0": 100])
        let predict = try read(
            VertexPredictRequest.self,
            #"{"instances": [{"content": "aGk=", "mimeType": "image/png"}], "parameters": {"confidenceThreshold": 0.5, "maxPredictions": 5.0}}"#
        )
        #expect(predict.instances.count == 1 && predict.parameters["maxPredictions"] == .number(5))
        let answer = try read(
            VertexPredictResponse.self,
            #"{"predictions": [{"ids": ["7517774415476555776"], "displayNames": ["daisy"], "confidences": [0.97]}], "deployedModelId": "3860570043075002368"}"#
        )
        #expect(answer.predictions.first?["ids"] == .array([.string("7517774415476555776")]))
        let dataset = try read(
            VertexDataset.self, #"{"displayName": "flowers", "metadataSchemaUri": "x", "dataItemCount": "24"}"#)
        #expect(dataset.dataItemCount == 24)
        #expect(dataset.protoJSON(options: .canonical)["dataItemCount"] == .string("24"), "int64 as a string")
    }
}
