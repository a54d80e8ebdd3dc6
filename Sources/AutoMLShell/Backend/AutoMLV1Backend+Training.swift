import AutoMLClient
import Foundation

extension AutoMLV1Backend {
    func trainedModel(_ model: BackendResource) throws -> TrainedModel {
        guard let metadata = model.json["imageClassificationModelMetadata"] else {
            throw ShellError(
                "model \(model.id) is not an image classification model",
                hint: "resumable training exists only for image classification in v1")
        }
        return TrainedModel(
            datasetID: model.json["datasetId"]?.stringValue ?? "",
            modelTypeName: metadata["modelType"]?.stringValue ?? "",
            created: model.json["createTime"]?.stringValue.flatMap { Timestamp(rfc3339: $0)?.date })
    }

    func trainedLabels(of model: ModelName) async throws -> Set<String> {
        let evaluations = try await client.listModelEvaluations(of: model).collect()
        return Set(evaluations.map(\.displayName).filter { !$0.isEmpty })
    }

    func train(_ request: TrainingRequest, in location: LocationName) async throws -> BackendOperation {
        Self.operation(try await client.createModel(in: location, Self.model(request)))
    }

    func trainingCall(_ request: TrainingRequest, in location: LocationName) throws -> (path: String, body: JSONValue) {
        ("/v1/\(location)/models", Self.model(request).protoJSON(options: .canonical))
    }

    /// The CreateModel request's model.
    static func model(_ request: TrainingRequest) -> Model {
        var model = Model()
        model.displayName = request.displayName
        model.datasetId = request.dataset.dataset
        if request.kind == .detection {
            var metadata = ImageObjectDetectionModelMetadata()
            metadata.modelType = request.modelType.name
            metadata.trainBudgetMilliNodeHours = request.budgetMilliNodeHours
            if !request.earlyStopping { metadata.unknownFields["disableEarlyStopping"] = .bool(true) }
            model.imageObjectDetectionModelMetadata = metadata
        } else {
            var metadata = ImageClassificationModelMetadata()
            metadata.modelType = request.modelType.name
            metadata.trainBudgetMilliNodeHours = request.budgetMilliNodeHours
            metadata.baseModelId = request.baseModelID ?? ""
            if !request.earlyStopping { metadata.unknownFields["disableEarlyStopping"] = .bool(true) }
            model.imageClassificationModelMetadata = metadata
        }
        return model
    }
}
