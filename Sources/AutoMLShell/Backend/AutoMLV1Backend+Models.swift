import AutoMLClient
import Foundation

extension AutoMLV1Backend {
    func getModel(_ name: ModelName) async throws -> BackendResource {
        let model = try await client.getModel(name)
        return BackendResource(
            json: model.protoJSON(options: .canonical), id: model.modelName?.model ?? name.model,
            displayName: model.displayName)
    }

    func deleteModel(_ name: ModelName) async throws -> BackendOperation {
        Self.operation(try await client.deleteModel(name))
    }

    func deployModel(_ name: ModelName, nodes: Int64) async throws -> BackendOperation {
        let current = try await client.getModel(name)
        var request = DeployModelRequest()
        if current.imageObjectDetectionModelMetadata != nil {
            request.imageObjectDetectionModelDeploymentMetadata = ModelDeploymentMetadata(nodeCount: nodes)
        } else {
            request.imageClassificationModelDeploymentMetadata = ModelDeploymentMetadata(nodeCount: nodes)
        }
        return Self.operation(try await client.deployModel(name, request))
    }

    func undeployModel(_ name: ModelName) async throws -> BackendOperation {
        Self.operation(try await client.undeployModel(name))
    }

    func exportModel(_ name: ModelName, to prefix: String, format: String?) async throws -> BackendOperation {
        var config = ModelExportOutputConfig()
        config.gcsDestination = GcsDestination(outputUriPrefix: prefix)
        config.modelFormat = format ?? ""
        return Self.operation(try await client.exportModel(name, to: config))
    }

    func evaluations(of model: ModelName) async throws -> BackendEvaluations {
        var response = ListModelEvaluationsResponse()
        response.modelEvaluation = try await client.listModelEvaluations(of: model).collect()
        let entries = response.modelEvaluation.compactMap { evaluation -> (id: String, label: String?)? in
            guard let id = evaluation.name.split(separator: "/").last else { return nil }
            return (String(id), evaluation.annotationSpecId.isEmpty ? nil : evaluation.displayName)
        }
        return BackendEvaluations(
            json: response.protoJSON(options: .canonical), entries: entries,
            views: response.modelEvaluation.sorted { $0.annotationSpecId.isEmpty && !$1.annotationSpecId.isEmpty })
    }

    func testPredictions(of model: ModelName) async throws -> TestPredictions {
        try await client.testPredictions(of: model)
    }

    func evaluation(_ id: String, of model: ModelName) async throws -> (json: JSONValue, view: ModelEvaluation?) {
        let evaluation = try await client.getModelEvaluation(try model.evaluation(id))
        return (evaluation.protoJSON(options: .canonical), evaluation)
    }

    func predict(_ model: ModelName, image: Data, threshold: Double?, maxBoxes: Int?) async throws -> JSONValue {
        try await client.predict(
            model, payload: ExamplePayload(image: Image(imageBytes: image)),
            params: Self.predictionParams(threshold: threshold, maxBoxes: maxBoxes)
        ).protoJSON(options: .canonical)
    }

    var batchPredictionUnavailable: ShellError? { nil }

    func batchPredict(
        _ model: ModelName, csv: [String], output: String, threshold: Double?, maxBoxes: Int?
    ) async throws -> BackendOperation {
        var request = BatchPredictRequest()
        request.inputConfig = BatchPredictInputConfig(gcsSource: GcsSource(inputUris: csv))
        request.outputConfig = BatchPredictOutputConfig(gcsDestination: GcsDestination(outputUriPrefix: output))
        request.params = Self.predictionParams(threshold: threshold, maxBoxes: maxBoxes)
        return Self.operation(try await client.batchPredict(model, request))
    }

    private static func predictionParams(threshold: Double?, maxBoxes: Int?) -> [String: String] {
        var params: [String: String] = [:]
        if let threshold { params["score_threshold"] = String(threshold) }
        if let maxBoxes { params["max_bounding_box_count"] = String(maxBoxes) }
        return params
    }
}
