import AutoMLWire
import Foundation

extension VertexService {
    /// CreateTrainingPipeline: checks the request as far as it can be checked now (definition, inputs, budget,
    /// dataset, labels per split, base model) and answers with the pipeline itself, QUEUED; the training runs in
    /// the background as a hidden operation.
    func createPipeline(in parent: VertexParent, body: VertexTrainingPipeline) async throws -> VertexTrainingPipeline {
        try Self.checkDisplayName(body.displayName, of: "trainingPipeline")
        let detection: Bool
        switch body.trainingTaskDefinition {
        case VertexSchema.Training.classification: detection = false
        case VertexSchema.Training.objectDetection: detection = true
        default:
            throw ServiceError.invalidArgument(
                "trainingTaskDefinition \"\(body.trainingTaskDefinition)\" is not one this backend runs; use "
                    + "\(VertexSchema.Training.classification) or \(VertexSchema.Training.objectDetection).")
        }
        let inputs: VertexImageTrainingInputs
        do {
            inputs = try VertexImageTrainingInputs(json: body.trainingTaskInputs)
        } catch {
            throw ServiceError.invalidArgument("\(error.description).")
        }
        let (modelTypeName, modelType) = try VertexModelTypes.resolve(inputs.modelType, detection: detection)
        let budget = inputs.budgetMilliNodeHours == 0 ? modelType.defaultBudget : inputs.budgetMilliNodeHours
        guard modelType.budgetRange.contains(budget) else {
            throw ServiceError.invalidArgument(
                "trainingTaskInputs.budgetMilliNodeHours \(budget) is out of range for modelType \(modelTypeName): "
                    + "it must be \(modelType.budgetRangeText).")
        }
        guard body.parentModel.isEmpty else {
            throw ServiceError.invalidArgument(
                "parentModel (a new version of an existing model) is not supported by this backend: its models have "
                    + "one version; leave parentModel out to train a new model.")
        }
        if !body.modelId.isEmpty { try Self.checkModelID(body.modelId) }
        let datasetID = body.inputDataConfig?.datasetId ?? ""
        guard !datasetID.isEmpty else {
            throw ServiceError.invalidArgument("inputDataConfig.datasetId is required (the bare dataset ID).")
        }
        let dataset = try await requireDataset(datasetID, in: parent)
        let split = try VertexSplit(body.inputDataConfig)
        let labelSet = try await checkTrainable(
            dataset, detection: detection, multiLabel: inputs.multiLabel, split: split)
        let baseID =
            detection
            ? inputs.uptrainBaseModelId : inputs.baseModelId.isEmpty ? inputs.uptrainBaseModelId : inputs.baseModelId
        if detection, !inputs.baseModelId.isEmpty {
            throw ServiceError.invalidArgument(
                "trainingTaskInputs.baseModelId is for image classification; object detection trains incrementally "
                    + "with uptrainBaseModelId.")
        }
        if !baseID.isEmpty {
            try await checkBaseModel(
                baseID, in: parent, modelType: modelTypeName, labelSet: labelSet, detection: detection)
        }
        var model = body.modelToUpload ?? VertexModel()
        if model.displayName.isEmpty { model.displayName = body.displayName }
        try Validation.labels(model.labels, of: "modelToUpload")
        try Validation.labels(body.labels, of: "trainingPipeline")
        var echoed = inputs
        echoed.modelType = modelTypeName
        echoed.budgetMilliNodeHours = budget
        let now = clock.now()
        let requested = body
        let inputsJSON = echoed.json
        let upload: VertexModel = {
            var upload = VertexModel()
            upload.displayName = model.displayName
            upload.description = model.description
            upload.labels = model.labels
            return upload
        }()
        let created = try await store.createTrainingPipeline(
            in: parent.parent, modelID: body.modelId.isEmpty ? nil : body.modelId, now: now
        ) { pipelineID, modelID in
            var pipeline = VertexTrainingPipeline()
            pipeline.name = parent.name("trainingPipelines", pipelineID)
            pipeline.displayName = requested.displayName
            pipeline.inputDataConfig = requested.inputDataConfig
            pipeline.trainingTaskDefinition = requested.trainingTaskDefinition
            pipeline.trainingTaskInputs = inputsJSON
            pipeline.modelToUpload = upload
            pipeline.modelId = requested.modelId
            pipeline.state = .queued
            pipeline.createTime = Timestamp(now)
            pipeline.updateTime = pipeline.createTime
            pipeline.labels = requested.labels
            let state = TrainingJobState(
                modelID: modelID, datasetID: dataset.id, domain: detection ? .detection : .classification,
                modelJSON: upload.storedJSON, budgetMilliNodeHours: budget,
                baseModelID: baseID.isEmpty ? nil : baseID, earlyStopping: !inputs.disableEarlyStopping,
                labelSet: labelSet, vertexPipelineID: pipelineID)
            return (pipeline.storedJSON, state)
        }
        guard let created else {
            throw ServiceError(
                .alreadyExists, "modelId \"\(body.modelId)\" is taken: a model with that ID exists or existed.")
        }
        base.runner.start(created.operation)
        return try VertexTrainingPipeline.fromStored(created.pipeline.json)
    }

    func getPipeline(_ id: String, in parent: VertexParent) async throws -> VertexTrainingPipeline {
        try Self.view(of: try await requirePipeline(id, in: parent))
    }

    func listPipelines(in parent: VertexParent, query: [String: String]) async throws
        -> VertexListTrainingPipelinesResponse
    {
        let list = try ListQuery(query, vertex: .trainingPipelines, parent: parent.description)
        let page = try await list.page(
            reading: { page in
                try await store.pipelines(in: parent.parent, page: page) {
                    PipelineView(seq: $0.seq, pipeline: try Self.view(of: $0))
                }
            }, sequence: \.seq)
        var response = VertexListTrainingPipelinesResponse()
        response.trainingPipelines = page.items.map(\.pipeline)
        response.nextPageToken = page.nextPageToken ?? ""
        return response
    }

    /// CancelTrainingPipeline: best effort, answered at once; the pipeline shows CANCELLING until training has
    /// stopped, then CANCELLED with error code 1. A pipeline that has ended cannot be cancelled.
    func cancelPipeline(_ id: String, in parent: VertexParent) async throws -> Empty {
        let stored = try await requirePipeline(id, in: parent)
        let view = try Self.view(of: stored)
        guard !view.state.isTerminal else {
            throw ServiceError.failedPrecondition(
                "training pipeline \(view.name) has ended (\(view.state.rawValue)); only a pipeline that has not "
                    + "ended can be cancelled.")
        }
        try await base.cancelWork(of: stored.operationID)
        return Empty()
    }

    /// DeletePipeline: only an ended pipeline (cancel a running one first); its model stays.
    func deletePipeline(_ id: String, in parent: VertexParent) async throws -> LongRunningOperation {
        let stored = try await requirePipeline(id, in: parent)
        let view = try Self.view(of: stored)
        guard view.state.isTerminal else {
            throw ServiceError.failedPrecondition(
                "training pipeline \(view.name) is \(view.state.rawValue); cancel it and wait until it is "
                    + "PIPELINE_STATE_CANCELLED before deleting it.")
        }
        _ = try await store.deletePipeline(stored.id, operationID: stored.operationID)
        return try await finishedOperation(in: parent, owner: "", kind: .delete, worksOn: view.name, response: Empty())
    }

    /// A pipeline as it is now: its stored JSON (final once it succeeded), with the state, error, times and cost
    /// read from the operation it runs as.
    static func view(of stored: StoredPipeline) throws -> VertexTrainingPipeline {
        var pipeline = try VertexTrainingPipeline.fromStored(stored.json)
        guard !pipeline.state.isTerminal, let operation = stored.operation else { return pipeline }
        let updated = operation.operation.automlMetadata?.updateTime
        if operation.operation.done, let error = operation.operation.error {
            pipeline.state = error.code == RPCCode.cancelled.rawValue ? .cancelled : .failed
            pipeline.error = error
            pipeline.endTime = updated
            pipeline.updateTime = updated
        } else if operation.cancelRequested {
            pipeline.state = .cancelling
        }
        if pipeline.state == .running || pipeline.state == .cancelling, case .train(let state) = operation.job {
            pipeline.trainingTaskMetadata = .object(["costMilliNodeHours": .string(String(state.spentMilliNodeHours))])
            pipeline.updateTime = updated ?? pipeline.updateTime
        }
        return pipeline
    }

    func requirePipeline(_ id: String, in parent: VertexParent) async throws -> StoredPipeline {
        guard let stored = try await store.pipeline(id, in: parent.parent) else {
            throw Self.notFound("TrainingPipeline", parent.name("trainingPipelines", id))
        }
        return stored
    }

    /// The labels training will learn, after checking that the dataset suits the objective and that every label has
    /// an image to train on in the split.
    private func checkTrainable(
        _ dataset: StoredVertexDataset, detection: Bool, multiLabel: Bool, split: VertexSplit
    ) async throws -> [String] {
        guard let kind = dataset.kind else {
            throw ServiceError.failedPrecondition(
                "dataset \(dataset.id) has no images; import annotated images before training.")
        }
        let wanted: VertexAnnotationKind = detection ? .boundingBox : multiLabel ? .multiLabel : .singleLabel
        guard kind == wanted else {
            throw ServiceError.failedPrecondition(
                "dataset \(dataset.id) holds \(kind.rawValue) annotations, but this training needs \(wanted.rawValue) "
                    + "ones ("
                    + (kind == .boundingBox
                        ? "use the object detection definition"
                        : detection
                            ? "use the image classification definition"
                            : "set trainingTaskInputs.multiLabel to \(kind == .multiLabel)") + ").")
        }
        var training: [String: Int] = [:]
        var total: [String: Int] = [:]
        for example in try await store.examples(ofDataset: dataset.id) {
            let labels = Set(example.labels + example.boxes.map(\.label))
            let use = split.use(path: example.uri, imported: example.mlUse)
            for label in labels {
                total[label, default: 0] += 1
                if use == MLUse.train.rawValue { training[label, default: 0] += 1 }
            }
        }
        let labels = total.keys.sorted()
        let needed = kind == .singleLabel ? 2 : 1
        guard labels.count >= needed else {
            throw ServiceError.failedPrecondition(
                "dataset \(dataset.id) has \(labels.count) label(s) with images; training needs at least \(needed). "
                    + "Import labelled images first.")
        }
        let short = labels.filter { training[$0, default: 0] == 0 }
        guard short.isEmpty else {
            throw ServiceError.failedPrecondition(
                "too few images per label: "
                    + short.map {
                        "\($0) has \(total[$0] ?? 0) image(s), none of them in the "
                            + "training split"
                    }.joined(separator: "; ") + ". Import more images of these labels, or change "
                    + "inputDataConfig's split.")
        }
        return labels
    }

    /// Incremental training: the base model must be a model of this location with the same model type and objective,
    /// trained on the same labels (the v1 rule; Vertex AI documents only the first two).
    private func checkBaseModel(
        _ id: String, in parent: VertexParent, modelType: String, labelSet: [String], detection: Bool
    ) async throws {
        guard let base = try await store.vertexModel(id, in: parent.parent) else {
            throw Self.notFound("Model", parent.name("models", id))
        }
        let baseType = base.model.metadata.objectValue?["modelType"]?.stringValue ?? ""
        guard base.domain == (detection ? .detection : .classification), baseType == modelType else {
            throw ServiceError.invalidArgument(
                "base model \(id) is a \(baseType) \(base.domain == .detection ? "object detection" : "classification") "
                    + "model; incremental training keeps the objective and the modelType (\(modelType)).")
        }
        guard base.artifactPath != nil else {
            throw ServiceError.failedPrecondition("base model \(id) has no trained weights to start from.")
        }
        guard base.labelSet == labelSet else {
            throw ServiceError.failedPrecondition(
                "the dataset's labels (\(labelSet.joined(separator: ", "))) differ from those base model \(id) was "
                    + "trained on (\(base.labelSet.joined(separator: ", "))); incremental training keeps the labels.")
        }
    }

    /// A client-chosen model ID: at most 63 lowercase letters, digits, `_` and `-`, not starting with a digit or `-`.
    static func checkModelID(_ id: String) throws {
        let allowed = id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") }
        guard allowed, id.count <= 63, let first = id.first, !first.isNumber, first != "-" else {
            throw ServiceError.invalidArgument(
                "modelId \"\(id)\" must be at most 63 lowercase letters, digits, '_' and '-', and must not start "
                    + "with a digit or '-'.")
        }
    }
}

/// A pipeline with its creation order, for filtering and paging.
struct PipelineView: VertexFilterSubject, Sendable {
    var seq: Int64
    var pipeline: VertexTrainingPipeline

    func vertexFilterValue(for field: VertexFilterField) -> VertexFilterValue? {
        switch field {
        case .displayName: .text(pipeline.displayName)
        case .state: .text(pipeline.state.rawValue)
        case .trainingTaskDefinition: .text(pipeline.trainingTaskDefinition)
        case .createTime: pipeline.createTime.map { .time($0) }
        case .labels: .labels(pipeline.labels)
        case .metadataSchemaURI, .model, .endpoint, .baseModelName: nil
        }
    }
}
