import AutoMLClient

/// Realistic results built from the wire types, as the shell receives them: `message.protoJSON(.canonical)`.
enum RenderingFixtures {
    static let parent = "projects/my-project/locations/us-central1"

    static func time(_ text: String) -> Timestamp {
        Timestamp(rfc3339: text) ?? Timestamp(seconds: 0)
    }

    static func json(_ message: some ProtoMessage) -> JSONValue {
        message.protoJSON(options: .canonical)
    }

    // MARK: Datasets

    static var flowersDataset: Dataset {
        var dataset = Dataset()
        dataset.name = "\(parent)/datasets/ICN5550001112223334445"
        dataset.displayName = "flowers"
        dataset.description = "Flowers from the TensorFlow sample: daisy, dandelion, roses, sunflowers, tulips"
        dataset.exampleCount = 3667
        dataset.createTime = time("2024-02-28T09:00:12.480163Z")
        dataset.etag = "AB3BwFq2j1X0kX9c"
        dataset.labels = ["team": "vision", "env": "dev"]
        dataset.imageClassificationDatasetMetadata = ImageClassificationDatasetMetadata(classificationType: .multiclass)
        return dataset
    }

    static var boxesDataset: Dataset {
        var dataset = Dataset()
        dataset.name = "\(parent)/datasets/IOD7778889990001112223"
        dataset.displayName = "salads_boxes"
        dataset.createTime = time("2024-03-02T14:30:00Z")
        dataset.imageObjectDetectionDatasetMetadata = ImageObjectDetectionDatasetMetadata()
        return dataset
    }

    static var datasets: ListDatasetsResponse {
        var response = ListDatasetsResponse()
        response.datasets = [flowersDataset, boxesDataset]
        return response
    }

    // MARK: Models

    static var flowersModel: Model {
        var model = Model()
        model.name = "\(parent)/models/ICN1234567890123456789"
        model.displayName = "flowers_20240301"
        model.datasetId = "ICN5550001112223334445"
        model.createTime = time("2024-03-01T10:15:30.123456Z")
        model.updateTime = time("2024-03-01T11:02:10Z")
        model.deploymentState = .deployed
        model.etag = "AB3BwFrT0p"
        var metadata = ImageClassificationModelMetadata()
        metadata.modelType = "cloud"
        metadata.trainBudgetMilliNodeHours = 24000
        metadata.trainCostMilliNodeHours = 18500
        metadata.stopReason = "MODEL_CONVERGED"
        metadata.nodeQps = 3.2
        metadata.nodeCount = 1
        model.imageClassificationModelMetadata = metadata
        return model
    }

    static var resumedModel: Model {
        var model = Model()
        model.name = "\(parent)/models/ICN2345678901234567890"
        model.displayName = "flowers_resumed_with_a_long_name"
        model.datasetId = "ICN5550001112223334445"
        model.createTime = time("2024-03-03T08:00:00Z")
        model.deploymentState = .undeployed
        var metadata = ImageClassificationModelMetadata()
        metadata.baseModelId = "ICN1234567890123456789"
        metadata.modelType = "mobile-versatile-1"
        metadata.trainBudgetMilliNodeHours = 8000
        metadata.trainCostMilliNodeHours = 8000
        metadata.stopReason = "BUDGET_REACHED"
        model.imageClassificationModelMetadata = metadata
        return model
    }

    static var boxesModel: Model {
        var model = Model()
        model.name = "\(parent)/models/IOD3456789012345678901"
        model.displayName = "salad_detector"
        model.datasetId = "IOD7778889990001112223"
        model.createTime = time("2024-03-04T16:45:00Z")
        model.deploymentState = .undeployed
        var metadata = ImageObjectDetectionModelMetadata()
        metadata.modelType = "cloud-high-accuracy-1"
        metadata.trainBudgetMilliNodeHours = 20000
        metadata.trainCostMilliNodeHours = 20000
        metadata.stopReason = "BUDGET_REACHED"
        model.imageObjectDetectionModelMetadata = metadata
        return model
    }

    static var models: ListModelsResponse {
        var response = ListModelsResponse()
        response.model = [flowersModel, resumedModel, boxesModel]
        response.nextPageToken = "Cg4xNzA5Mjg4MTMwMDAw"
        return response
    }

    // MARK: Operations

    /// A finished training: CreateModel metadata, and the model as its response.
    static var trainingDone: LongRunningOperation {
        var metadata = OperationMetadata()
        metadata.createModelDetails = OperationDetails()
        metadata.progressPercent = 100
        metadata.createTime = time("2024-03-01T09:30:00.250Z")
        metadata.updateTime = time("2024-03-01T10:15:30Z")
        var operation = LongRunningOperation()
        operation.name = "\(parent)/operations/ICN9876543210987654321"
        operation.metadata = ProtoAny(metadata)
        operation.done = true
        operation.response = ProtoAny(flowersModel)
        return operation
    }

    static var importRunning: LongRunningOperation {
        var metadata = OperationMetadata()
        metadata.importDataDetails = OperationDetails()
        metadata.progressPercent = 40
        metadata.createTime = time("2024-03-05T12:00:00Z")
        var operation = LongRunningOperation()
        operation.name = "\(parent)/operations/ICN1111111111111111111"
        operation.metadata = ProtoAny(metadata)
        return operation
    }

    static var deployFailed: LongRunningOperation {
        var metadata = OperationMetadata()
        metadata.deployModelDetails = OperationDetails()
        metadata.createTime = time("2024-03-05T13:00:00Z")
        var operation = LongRunningOperation()
        operation.name = "\(parent)/operations/ICN2222222222222222222"
        operation.metadata = ProtoAny(metadata)
        operation.done = true
        operation.error = Status(
            code: .failedPrecondition,
            message: "Model IOD3456789012345678901 cannot be deployed:\nquota")
        return operation
    }

    static var operations: ListOperationsResponse {
        var response = ListOperationsResponse()
        response.operations = [trainingDone, importRunning, deployFailed]
        return response
    }

    // MARK: Evaluations

    static func entry(_ threshold: Float, recall: Float, precision: Float, tp: Int64, fp: Int64, fn: Int64)
        -> ClassificationEvaluationMetrics.ConfidenceMetricsEntry
    {
        var entry = ClassificationEvaluationMetrics.ConfidenceMetricsEntry()
        entry.confidenceThreshold = threshold
        entry.recall = recall
        entry.precision = precision
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        entry.f1Score = (f1 * 1000).rounded() / 1000
        entry.truePositiveCount = tp
        entry.falsePositiveCount = fp
        entry.falseNegativeCount = fn
        return entry
    }

    static var overallEvaluation: ModelEvaluation {
        var metrics = ClassificationEvaluationMetrics()
        metrics.auPrc = 0.962
        metrics.auRoc = 0.981
        metrics.logLoss = 0.142
        metrics.confidenceMetricsEntry = [
            entry(0, recall: 1, precision: 0.2, tp: 367, fp: 1468, fn: 0),
            entry(0.25, recall: 0.96, precision: 0.85, tp: 352, fp: 62, fn: 15),
            entry(0.5, recall: 0.93, precision: 0.94, tp: 341, fp: 22, fn: 26),
            entry(0.75, recall: 0.87, precision: 0.98, tp: 319, fp: 7, fn: 48),
            entry(1, recall: 0, precision: 1, tp: 0, fp: 0, fn: 367),
        ]
        var matrix = ClassificationEvaluationMetrics.ConfusionMatrix()
        matrix.annotationSpecId = ["101", "102", "103"]
        matrix.displayName = ["daisy", "roses", "tulips"]
        matrix.row = [
            .init(exampleCount: [120, 3, 2]), .init(exampleCount: [4, 110, 6]), .init(exampleCount: [1, 5, 116]),
        ]
        metrics.confusionMatrix = matrix
        metrics.annotationSpecId = ["101", "102", "103"]
        var evaluation = ModelEvaluation()
        evaluation.name = "\(parent)/models/ICN1234567890123456789/modelEvaluations/7001"
        evaluation.createTime = time("2024-03-01T10:20:00Z")
        evaluation.evaluatedExampleCount = 367
        evaluation.classificationEvaluationMetrics = metrics
        return evaluation
    }

    static func labelEvaluation(
        id: String, spec: String, label: String, count: Int32,
        auPrc: Float
    ) -> ModelEvaluation {
        var metrics = ClassificationEvaluationMetrics()
        metrics.auPrc = auPrc
        var evaluation = ModelEvaluation()
        evaluation.name = "\(parent)/models/ICN1234567890123456789/modelEvaluations/\(id)"
        evaluation.annotationSpecId = spec
        evaluation.displayName = label
        evaluation.evaluatedExampleCount = count
        evaluation.classificationEvaluationMetrics = metrics
        return evaluation
    }

    static var evaluations: ListModelEvaluationsResponse {
        var response = ListModelEvaluationsResponse()
        var overall = overallEvaluation
        overall.classificationEvaluationMetrics?.confidenceMetricsEntry = []
        overall.classificationEvaluationMetrics?.confusionMatrix = nil
        response.modelEvaluation = [
            overall,
            labelEvaluation(id: "7002", spec: "101", label: "daisy", count: 125, auPrc: 0.981),
            labelEvaluation(id: "7003", spec: "102", label: "roses", count: 120, auPrc: 0.944),
            labelEvaluation(id: "7004", spec: "103", label: "tulips", count: 122, auPrc: 0.958),
        ]
        return response
    }
}
