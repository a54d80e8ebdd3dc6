import AutoMLClient
import Foundation
import Testing

/// One fixture file and the message type it holds.
struct WireFixtureCase: Sendable, CustomTestStringConvertible {
    let name: String
    let roundTrip: @Sendable () throws -> Void
    var testDescription: String { name }

    init<Message: ProtoMessage>(_ name: String, _ type: Message.Type) {
        self.name = name
        roundTrip = { try roundTripFixture(name, as: type) }
    }
}

/// Every fixture decodes into its message type and re-encodes to the same JSON; then field spot checks.
@Suite struct WireRoundTripTests {
    static let cases: [WireFixtureCase] = [
        .init("annotation-spec.json", AnnotationSpec.self),
        .init("create-dataset-request.json", Dataset.self),
        .init("create-model-request.json", Model.self),
        .init("create-model-request-object-detection.json", Model.self),
        .init("dataset-image-classification.json", Dataset.self),
        .init("dataset-object-detection.json", Dataset.self),
        .init("deploy-model-request.json", DeployModelRequest.self),
        .init("empty.json", Empty.self),
        .init("error-envelope-not-found.json", ErrorEnvelope.self),
        .init("import-data-request.json", ImportDataRequest.self),
        .init("list-model-evaluations-response.json", ListModelEvaluationsResponse.self),
        .init("list-models-response.json", ListModelsResponse.self),
        .init("list-operations-response.json", ListOperationsResponse.self),
        .init("model-evaluation-object-detection.json", ModelEvaluation.self),
        .init("operation-cancelled.json", LongRunningOperation.self),
        .init("operation-create-dataset-done.json", LongRunningOperation.self),
        .init("operation-create-dataset-running.json", LongRunningOperation.self),
        .init("operation-create-model-done.json", LongRunningOperation.self),
        .init("operation-create-model-running.json", LongRunningOperation.self),
        .init("operation-deploy-model-done.json", LongRunningOperation.self),
        .init("operation-import-partial-failures.json", LongRunningOperation.self),
        .init("predict-request.json", PredictRequest.self),
        .init("predict-response-classification.json", PredictResponse.self),
        .init("predict-response-object-detection.json", PredictResponse.self),
        .init("seed-create-model-request.json", Model.self),
        .init("seed-model.json", Model.self),
        .init("seed-operation-create-model.json", LongRunningOperation.self),
        .init("seed-operation-create-model-done.json", LongRunningOperation.self),
        .init("seed-operation-import-done.json", LongRunningOperation.self),
    ]

    @Test(arguments: cases)
    func fixtureRoundTrips(_ fixture: WireFixtureCase) throws {
        try fixture.roundTrip()
    }

    /// Every listed fixture is in the bundle (other suites may add fixtures of their own).
    @Test func listedFixturesAreBundled() throws {
        let bundled = Set(try WireFixture.allNames())
        #expect(Set(Self.cases.map(\.name)).subtracting(bundled).isEmpty)
    }

    @Test func runningOperation() throws {
        let operation = try roundTripFixture("operation-create-model-running.json", as: LongRunningOperation.self)
        #expect(operation.operationName?.operation == "ICN3007727620979824033")
        #expect(!operation.done && operation.error == nil && operation.response == nil)
        #expect(operation.metadata?.typeURL == "type.googleapis.com/google.cloud.automl.v1.OperationMetadata")
        let metadata = try roundTripAny(operation.metadata, as: OperationMetadata.self)
        #expect(metadata.kind == "createModel")
        #expect(metadata.createTime == Timestamp(seconds: 1_714_557_600, nanos: 123_456_000))
        #expect(operation.automlMetadata == metadata)
    }

    @Test func finishedOperationCarriesTheModel() throws {
        let operation = try roundTripFixture("operation-create-model-done.json", as: LongRunningOperation.self)
        #expect(operation.done)
        #expect(operation.automlMetadata?.kind == "createModel")
        let response = try #require(operation.response)
        #expect(response.holds(Model.self) && !response.holds(Dataset.self))
        let model = try roundTripAny(response, as: Model.self)
        #expect(model.modelName?.model == "ICN7683346839371803263")
        #expect(model.datasetId == "ICN7372141011130533778")
        #expect(model.deploymentState == .undeployed)
        let metadata = try #require(model.imageClassificationModelMetadata)
        #expect(metadata.trainBudgetMilliNodeHours == 8000)
        #expect(metadata.trainCostMilliNodeHours == 6215)
        #expect(metadata.stopReason == "MODEL_CONVERGED" && metadata.modelType == "cloud" && metadata.nodeQps == 3.2)
        #expect(throws: ProtoJSONError.self) { try response.unpack(Dataset.self) }
    }

    @Test func cancelledOperation() throws {
        let operation = try roundTripFixture("operation-cancelled.json", as: LongRunningOperation.self)
        #expect(operation.done && operation.response == nil)
        let error = try #require(operation.error)
        #expect(error.code == 1 && error.rpcCode == .cancelled)
        #expect(error.message == "Operation was cancelled.")
    }

    @Test func importWithPartialFailures() throws {
        let operation = try roundTripFixture("operation-import-partial-failures.json", as: LongRunningOperation.self)
        let metadata = try #require(operation.automlMetadata)
        #expect(metadata.kind == "importData")
        #expect(metadata.partialFailures.map(\.code) == [3])
        #expect(metadata.partialFailures.first?.message.contains("line 4023") == true)
        #expect(metadata.updateTime?.rfc3339 == "2024-05-01T09:14:12.750Z")
        let response = try #require(operation.response)
        #expect(response.holds(Empty.self) && response.fields.isEmpty)
        try roundTripAny(response, as: Empty.self)
    }

    @Test func datasetOperations() throws {
        let running = try roundTripFixture("operation-create-dataset-running.json", as: LongRunningOperation.self)
        #expect(running.automlMetadata?.kind == "createDataset")
        let done = try roundTripFixture("operation-create-dataset-done.json", as: LongRunningOperation.self)
        let dataset = try roundTripAny(done.response, as: Dataset.self)
        #expect(dataset.datasetName?.dataset == "ICN2220000000000000002")
        #expect(dataset.imageClassificationDatasetMetadata?.classificationType == .multiclass)
        let deployed = try roundTripFixture("operation-deploy-model-done.json", as: LongRunningOperation.self)
        #expect(deployed.automlMetadata?.kind == "deployModel")
    }

    @Test func listOperations() throws {
        let list = try roundTripFixture("list-operations-response.json", as: ListOperationsResponse.self)
        #expect(list.operations.map(\.done) == [false, true])
        #expect(list.operations.map { $0.automlMetadata?.kind } == ["createModel", "undeployModel"])
        #expect(list.nextPageToken == "CiAKGjBpNDd2Nm5od2xhZjE0ZzhpcGpjYw")
        #expect(list.pageItems == list.operations)
    }

    @Test func datasets() throws {
        let classification = try roundTripFixture("dataset-image-classification.json", as: Dataset.self)
        #expect(classification.exampleCount == 3670)
        #expect(classification.labels == ["team": "vision", "env": "dev"])
        #expect(classification.imageClassificationDatasetMetadata?.classificationType == .multiclass)
        #expect(classification.imageObjectDetectionDatasetMetadata == nil)
        let detection = try roundTripFixture("dataset-object-detection.json", as: Dataset.self)
        #expect(detection.imageObjectDetectionDatasetMetadata != nil)
        #expect(detection.imageClassificationDatasetMetadata == nil)
        #expect(detection.protoJSON(options: .canonical)["imageObjectDetectionDatasetMetadata"] == .object([:]))
        let request = try roundTripFixture("create-dataset-request.json", as: Dataset.self)
        #expect(request.name.isEmpty && request.createTime == nil)
        let spec = try roundTripFixture("annotation-spec.json", as: AnnotationSpec.self)
        #expect(spec.displayName == "daisy" && spec.exampleCount == 633)
    }

    @Test func seedModelKeepsLegacyTrainBudget() throws {
        let model = try roundTripFixture("seed-model.json", as: Model.self)
        let metadata = try #require(model.imageClassificationModelMetadata)
        #expect(metadata.unknownFields == ["trainBudget": .string("1")])
        #expect(metadata.trainBudgetMilliNodeHours == 0)
        #expect(metadata.nodeQps == 3.2)
        #expect(model.deploymentState == .undeployed)
        #expect(model.updateTime?.rfc3339 == "2019-10-29T19:35:19.104716Z")
        let written = model.protoJSON(options: .canonical)
        #expect(written["imageClassificationModelMetadata"]?["trainBudget"] == .string("1"))
        let request = try roundTripFixture("seed-create-model-request.json", as: Model.self)
        #expect(request.imageClassificationModelMetadata?.unknownFields["trainBudget"] == .string("1"))
    }

    @Test func seedOperations() throws {
        let started = try roundTripFixture("seed-operation-create-model.json", as: LongRunningOperation.self)
        #expect(started.automlMetadata?.kind == "createModel")
        #expect(started.automlMetadata?.createTime?.rfc3339 == "2019-10-29T19:06:38.048492Z")
        let imported = try roundTripFixture("seed-operation-import-done.json", as: LongRunningOperation.self)
        #expect(imported.automlMetadata?.kind == "importData")
        try roundTripAny(imported.response, as: Empty.self)
        let trained = try roundTripFixture("seed-operation-create-model-done.json", as: LongRunningOperation.self)
        let model = try roundTripAny(trained.response, as: Model.self)
        #expect(model.modelName?.model == "MODEL_ID")
    }

    @Test func createModelRequests() throws {
        let classification = try roundTripFixture("create-model-request.json", as: Model.self)
        #expect(classification.imageClassificationModelMetadata?.trainBudgetMilliNodeHours == 8000)
        let detection = try roundTripFixture("create-model-request-object-detection.json", as: Model.self)
        #expect(detection.imageObjectDetectionModelMetadata?.trainBudgetMilliNodeHours == 20000)
        #expect(detection.imageObjectDetectionModelMetadata?.modelType == "cloud-high-accuracy-1")
        let deploy = try roundTripFixture("deploy-model-request.json", as: DeployModelRequest.self)
        #expect(deploy.imageClassificationModelDeploymentMetadata?.nodeCount == 1)
        let importData = try roundTripFixture("import-data-request.json", as: ImportDataRequest.self)
        #expect(importData.inputConfig?.gcsSource?.inputUris == ["gs://b/flowers.csv"])
    }

    @Test func listModels() throws {
        let list = try roundTripFixture("list-models-response.json", as: ListModelsResponse.self)
        #expect(list.model.count == 2 && list.nextPageToken.isEmpty)
        #expect(list.model.map(\.deploymentState) == [.deployed, .undeployed])
        #expect(list.model.first?.imageClassificationModelMetadata?.nodeCount == 1)
        #expect(list.model.last?.imageObjectDetectionModelMetadata?.trainCostMilliNodeHours == 18421)
        #expect(list.model.last?.createTime == Timestamp(seconds: 1_714_788_705, nanos: 12_345_678))
    }

    @Test func classificationEvaluations() throws {
        let list = try roundTripFixture("list-model-evaluations-response.json", as: ListModelEvaluationsResponse.self)
        #expect(list.modelEvaluation.count == 2)
        #expect(list.nextPageToken == "ChBtb2RlbEV2YWx1YXRpb25zEgIyMA")
        let overall = try #require(list.modelEvaluation.first)
        #expect(overall.annotationSpecId.isEmpty && overall.evaluatedExampleCount == 367)
        let metrics = try #require(overall.classificationEvaluationMetrics)
        #expect(metrics.auPrc == 0.9817 && metrics.logLoss == 0.1523)
        #expect(metrics.confidenceMetricsEntry.map(\.confidenceThreshold) == [0, 0.5])
        let entry = try #require(metrics.confidenceMetricsEntry.last)
        #expect(entry.positionThreshold == Int32.max)
        #expect(entry.truePositiveCount == 341 && entry.trueNegativeCount == 1454)
        #expect(entry.f1ScoreAt1 == 0.9447619)
        let matrix = try #require(metrics.confusionMatrix)
        #expect(matrix.displayName == ["daisy", "roses", "tulips"])
        #expect(matrix.row.map(\.exampleCount) == [[120, 3, 0], [2, 115, 6], [1, 4, 116]])
        #expect(metrics.annotationSpecId == matrix.annotationSpecId)
        let daisy = try #require(list.modelEvaluation.last)
        #expect(daisy.annotationSpecId == "3869458495073943552" && daisy.displayName == "daisy")
        #expect(daisy.classificationEvaluationMetrics?.confusionMatrix == nil)
    }

    @Test func objectDetectionEvaluation() throws {
        let evaluation = try roundTripFixture("model-evaluation-object-detection.json", as: ModelEvaluation.self)
        let metrics = try #require(evaluation.imageObjectDetectionEvaluationMetrics)
        #expect(evaluation.classificationEvaluationMetrics == nil)
        #expect(metrics.evaluatedBoundingBoxCount == 96 && metrics.boundingBoxMeanAveragePrecision == 0.72)
        #expect(metrics.boundingBoxMetricsEntries.map(\.iouThreshold) == [0.5, 0.75])
        let first = try #require(metrics.boundingBoxMetricsEntries.first)
        #expect(first.confidenceMetricsEntries.map(\.confidenceThreshold) == [0.05, 0.5])
        #expect(metrics.boundingBoxMetricsEntries.last?.confidenceMetricsEntries.first?.f1Score == 0)
    }

    @Test func predictions() throws {
        let request = try roundTripFixture("predict-request.json", as: PredictRequest.self)
        #expect(
            request.payload?.image?.imageBytes
                == Data([
                    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46,
                    0x00, 0x01, 0x01,
                ]))
        #expect(request.params == ["score_threshold": "0.5"])
        let classification = try roundTripFixture("predict-response-classification.json", as: PredictResponse.self)
        #expect(classification.payload.map(\.displayName) == ["daisy", "tulips"])
        #expect(classification.payload.first?.classification?.score == 0.93)
        let detection = try roundTripFixture("predict-response-object-detection.json", as: PredictResponse.self)
        #expect(detection.metadata == ["max_bounding_box_count": "100"])
        let cheese = try #require(detection.payload.last?.imageObjectDetection)
        #expect(
            cheese.boundingBox?.normalizedVertices == [
                NormalizedVertex(x: 0, y: 0.25), NormalizedVertex(x: 0.4, y: 0.75),
            ])
        #expect(cheese.score == 0.71)
    }

    @Test func errorEnvelope() throws {
        let envelope = try roundTripFixture("error-envelope-not-found.json", as: ErrorEnvelope.self)
        let body = try #require(envelope.error)
        #expect(body.code == 404 && body.status == "NOT_FOUND")
        let info = try roundTripAny(body.details.first, as: ErrorInfo.self)
        #expect(info.reason == "RESOURCE_NOT_FOUND" && info.domain == "automl.googleapis.com")
        #expect(info.metadata["resource"] == "projects/123/locations/us-central1/datasets/DOES_NOT_EXIST")
    }
}
