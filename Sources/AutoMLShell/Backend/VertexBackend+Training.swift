import AutoMLClient
import Foundation

extension VertexBackend {
    /// The dataset, the objective and the model type come from the pipeline that made the model.
    func trainedModel(_ model: BackendResource) async throws -> TrainedModel {
        guard let pipelineText = model.json["trainingPipeline"]?.stringValue,
            let pipelineName = VertexTrainingPipelineName(pipelineText)
        else {
            throw ShellError(
                "model \(model.id) was not trained by a training pipeline (it names none)",
                hint: "incremental training starts from an AutoML model trained on Vertex AI")
        }
        let pipeline = try await client.getTrainingPipeline(pipelineName)
        let detection = pipeline.trainingTaskDefinition == VertexSchema.Training.objectDetection
        let vertexType =
            pipeline.trainingTaskInputs["modelType"]?.stringValue ?? model.json["metadata"]?["modelType"]?.stringValue
            ?? ""
        return TrainedModel(
            datasetID: pipeline.inputDataConfig?.datasetId ?? "",
            modelTypeName: ImageModelType(vertexName: vertexType, detection: detection)?.name ?? vertexType,
            created: model.json["createTime"]?.stringValue.flatMap { Timestamp(rfc3339: $0)?.date })
    }

    func trainedLabels(of model: ModelName) async throws -> Set<String> {
        let evaluations = try await evaluations(of: model)
        return Set(evaluations.entries.compactMap(\.label).filter { !$0.isEmpty })
    }

    func train(_ request: TrainingRequest, in location: LocationName) async throws -> BackendOperation {
        let pipeline = try await client.createTrainingPipeline(in: location, try Self.pipeline(request))
        return Self.operation(pipeline.protoJSON(options: .canonical), in: nil)
    }

    func trainingCall(_ request: TrainingRequest, in location: LocationName) throws -> (path: String, body: JSONValue) {
        ("/v1/\(location)/trainingPipelines", try Self.pipeline(request).protoJSON(options: .canonical))
    }

    /// The CreateTrainingPipeline request: the AutoML image task for the dataset's kind, the splits the import gave
    /// (or Vertex AI's default 80/10/10 when some images have none), and the model named as `train --name` says.
    static func pipeline(_ request: TrainingRequest) throws -> VertexTrainingPipeline {
        guard let modelType = request.modelType.vertexName else {
            throw ShellError(
                "Vertex AI has no model type \(request.modelType.name)",
                hint: "on Vertex AI Core ML is an export format of the mobile-* types; use one of "
                    + ImageModelType.vertexNames(detection: request.kind == .detection).compactMap {
                        ImageModelType(vertexName: $0, detection: request.kind == .detection)?.name
                    }.joined(separator: ", "))
        }
        var inputs = VertexImageTrainingInputs()
        inputs.modelType = modelType
        inputs.budgetMilliNodeHours = request.budgetMilliNodeHours
        inputs.disableEarlyStopping = !request.earlyStopping
        inputs.multiLabel = request.kind == .multilabel
        if let base = request.baseModelID {
            if request.kind == .detection { inputs.uptrainBaseModelId = base } else { inputs.baseModelId = base }
        }
        var data = VertexInputDataConfig()
        data.datasetId = request.dataset.dataset
        if request.splitByImportedUse { data.filterSplit = .byImportedMLUse }
        var model = VertexModel()
        model.displayName = request.displayName
        var pipeline = VertexTrainingPipeline()
        pipeline.displayName = request.displayName
        pipeline.trainingTaskDefinition =
            request.kind == .detection ? VertexSchema.Training.objectDetection : VertexSchema.Training.classification
        pipeline.trainingTaskInputs = inputs.json
        pipeline.inputDataConfig = data
        pipeline.modelToUpload = model
        return pipeline
    }
}
