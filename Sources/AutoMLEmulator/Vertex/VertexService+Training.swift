import AutoMLWire
import Foundation

extension VertexService {
    /// The work of a training pipeline: PENDING from here (QUEUED until now), RUNNING once the images of the split
    /// are read; the same trainer as v1's CreateModel on them; then the model, its evaluation and slices, and the
    /// finished pipeline in one transaction.
    func runPipeline(_ operation: StoredOperation, state: TrainingJobState, pipelineID: String) async throws
        -> OperationOutcome
    {
        let parent = operation.parent
        guard let stored = try await store.pipeline(pipelineID, in: parent) else {
            return .failure(Status(code: .notFound, message: "training pipeline \(pipelineID) was deleted."))
        }
        guard try await store.vertexDataset(state.datasetID, in: parent) != nil else {
            return .failure(
                Status(
                    code: .failedPrecondition,
                    message: "dataset \(state.datasetID) was deleted before training finished."))
        }
        let pipeline = try VertexTrainingPipeline.fromStored(stored.json)
        let split = try VertexSplit(pipeline.inputDataConfig)
        let inputs = try VertexImageTrainingInputs(json: pipeline.trainingTaskInputs)
        let detection = state.domain == .detection
        let (modelTypeName, modelType) = try VertexModelTypes.resolve(inputs.modelType, detection: detection)
        if pipeline.state == .queued { try await moveOn(pipelineID, to: .pending) }
        var counts = (training: 0, validation: 0, trainingAnnotations: 0, validationAnnotations: 0)
        let examples = try await store.examples(ofDataset: state.datasetID).compactMap { example -> TrainingExample? in
            guard let use = split.use(path: example.uri, imported: example.mlUse) else { return nil }
            let annotations = example.labels.count + example.boxes.count
            if use == MLUse.train.rawValue {
                counts.training += 1
                counts.trainingAnnotations += annotations
            } else if use == MLUse.validation.rawValue {
                counts.validation += 1
                counts.validationAnnotations += annotations
            }
            return TrainingExample(
                uri: example.uri, filePath: example.filePath, mlUse: use, labels: example.labels,
                boxes: example.boxes.map { ($0.label, $0.box.xMin, $0.box.yMin, $0.box.xMax, $0.box.yMax) })
        }
        var baseArtifact: String?
        if let baseID = state.baseModelID {
            baseArtifact = try await store.vertexModel(baseID, in: parent)?.artifactPath
        }
        try await moveOn(pipelineID, to: .running)
        let outcome = try await base.train(
            operation, state: state, examples: examples, multiLabel: inputs.multiLabel, modelType: modelType.name,
            baseArtifact: baseArtifact)
        let vertexParent = VertexParent(parent: parent, number: try await store.vertexProjectNumber(of: parent.project))
        let finishedAt = clock.now()
        let now = Timestamp(finishedAt)
        let requested = try VertexModel.fromStored(state.modelJSON)
        var model = VertexModel()
        model.name = vertexParent.name("models", state.modelID)
        model.versionId = "1"
        model.versionAliases = ["default"]
        model.displayName = requested.displayName
        model.description = requested.description
        model.labels = requested.labels
        model.predictSchemata = VertexSchema.Model.predictSchemata(detection: detection)
        model.metadataSchemaUri =
            detection ? VertexSchema.Model.objectDetectionMetadata : VertexSchema.Model.classificationMetadata
        model.metadata = .object([
            "modelType": .string(modelTypeName),
            "trainingDataItemsCount": .string(String(counts.training)),
            "validationDataItemsCount": .string(String(counts.validation)),
            "trainingAnnotationsCount": .string(String(counts.trainingAnnotations)),
            "validationAnnotationsCount": .string(String(counts.validationAnnotations)),
            "eligibleAsBaseModel": .bool(outcome.artifactPath != nil),
        ])
        model.trainingPipeline = pipeline.name
        model.supportedDeploymentResourcesTypes = [.automaticResources]
        if outcome.artifactPath != nil {
            var format = VertexExportFormat()
            format.id = EmulatorService.exportFormat
            format.exportableContents = [.artifact]
            model.supportedExportFormats = [format]
        }
        model.supportedOutputStorageFormats = ["jsonl"]
        model.createTime = now
        model.updateTime = now
        model.versionCreateTime = now
        model.versionUpdateTime = now
        model.etag = UUID().uuidString
        var source = VertexModelSourceInfo()
        source.sourceType = .automl
        model.modelSourceInfo = source
        let (evaluation, slices) = VertexMetrics.evaluation(
            from: outcome.evaluations, detection: detection, createTime: now)
        let result = VertexTrainingResult(
            model: model, datasetID: state.datasetID, domain: state.domain, labelSet: state.labelSet,
            artifactPath: outcome.artifactPath, evaluation: evaluation, slices: slices)
        let cost = min(outcome.costMilliNodeHours, state.budgetMilliNodeHours)
        let stopReason = outcome.stopReason
        let trained = model
        let store = store
        let operationID = operation.id
        // Shielded from cancellation: once training has produced a model, it is recorded whole or not at all.
        _ = try await Task { [store] in
            try await store.completeVertexTraining(
                operationID: operationID, pipelineID: pipelineID, result: result, now: finishedAt
            ) { text in
                var finished = try VertexTrainingPipeline.fromStored(text)
                finished.state = .succeeded
                var upload = finished.modelToUpload ?? VertexModel()
                upload.name = trained.name
                upload.versionId = trained.versionId
                finished.modelToUpload = upload
                finished.trainingTaskMetadata = .object([
                    "costMilliNodeHours": .string(String(cost)), "successfulStopReason": .string(stopReason),
                ])
                finished.endTime = now
                finished.updateTime = now
                return finished.storedJSON
            }
        }.value
        return .recorded(trained)
    }
}

extension VertexService {
    /// Moves a pipeline that has not ended to `state`: PENDING when its work is taken up (QUEUED before), RUNNING
    /// (with the time it first ran) when the trainer is about to start.
    fileprivate func moveOn(_ pipelineID: String, to state: VertexPipelineState) async throws {
        let now = Timestamp(clock.now())
        _ = try await store.updateVertexRow(.trainingPipeline, pipelineID) { text in
            var pipeline = try VertexTrainingPipeline.fromStored(text)
            guard !pipeline.state.isTerminal else { return text }
            pipeline.state = state
            if state == .running { pipeline.startTime = pipeline.startTime ?? now }
            pipeline.updateTime = now
            return pipeline.storedJSON
        }
    }
}
