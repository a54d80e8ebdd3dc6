import AutoMLWire
import AutoMLWorkerProtocol
import Foundation

extension VertexService {
    /// Predict: each instance (`{"content": BASE64}`) goes to a deployed model picked by the traffic split, whose
    /// warm workers answer; labels (or boxes) scoring at least `confidenceThreshold`, best first, at most
    /// `maxPredictions` (default 10).
    func predict(_ endpointID: String, in parent: VertexParent, body: VertexPredictRequest) async throws
        -> VertexPredictResponse
    {
        let endpoint = try await getEndpoint(endpointID, in: parent)
        guard !body.instances.isEmpty else {
            throw ServiceError.invalidArgument("instances is required: one {\"content\": BASE64 image} per image.")
        }
        guard body.instances.count <= Self.maxInstances else {
            throw ServiceError.invalidArgument(
                "\(body.instances.count) instances in one request; this backend takes at most \(Self.maxInstances).")
        }
        let (threshold, maxPredictions) = try Self.parameters(body.parameters)
        let images = try body.instances.enumerated().map { index, instance in try Self.content(instance, index) }
        guard let deployed = Self.pick(endpoint) else {
            throw ServiceError.failedPrecondition(
                "endpoint \(endpoint.name) has no deployed model with traffic; deploy a model first.")
        }
        let modelID = String(deployed.model.split(separator: "/").last ?? "")
        guard let model = try await store.vertexModel(modelID, in: parent.parent), let folder = model.artifactPath
        else {
            throw ServiceError.failedPrecondition("model \(deployed.model) of endpoint \(endpoint.name) is gone.")
        }
        let specIDs = try await base.specIDsByName(ofDataset: model.datasetID)
        var response = VertexPredictResponse()
        for (index, image) in images.enumerated() {
            let request = PredictionRequest(
                id: index, imageBase64: image, scoreThreshold: threshold, maxBoxes: maxPredictions)
            let reply = try await base.servingReply(
                modelID: modelID, folder: folder,
                replicas: Int(deployed.automaticResources?.maxReplicaCount ?? 1), request: request)
            if let error = reply.error {
                throw ServiceError.invalidArgument("instances[\(index)]: the image cannot be used: \(error)")
            }
            response.predictions.append(
                Self.prediction(
                    reply, labels: model.labelSet, specIDs: specIDs, threshold: threshold, limit: maxPredictions))
        }
        // An undeploy that ended while this request ran has stopped the workers, which the request may have started
        // again: they go unless an endpoint still serves the model.
        if try await store.vertexModel(modelID, in: parent.parent)?.model.deployedModels.isEmpty ?? true {
            await base.serving.discard(modelID)
        }
        response.deployedModelId = deployed.id
        response.model = model.model.name
        response.modelDisplayName = model.model.displayName
        response.modelVersionId = "1"
        return response
    }

    static let maxInstances = 32

    /// `confidenceThreshold` (0–1, default 0) and `maxPredictions` (a positive whole number, default 10; Google's
    /// Python client sends `5.0`).
    static func parameters(_ value: JSONValue) throws -> (Double, Int) {
        guard case .object(let members) = value else {
            if value == .null { return (0, 10) }
            throw ServiceError.invalidArgument("parameters must be an object such as {\"confidenceThreshold\": 0.5}.")
        }
        if let unknown = members.keys.sorted().first(where: { !["confidenceThreshold", "maxPredictions"].contains($0) })
        {
            throw ServiceError.invalidArgument(
                "parameters has no member \"\(unknown)\"; image models take confidenceThreshold and maxPredictions.")
        }
        var threshold = 0.0
        switch members["confidenceThreshold"] {
        case nil, .null?: break
        case .integer(let number)? where (0...1).contains(number): threshold = Double(number)
        case .number(let number)? where (0...1).contains(number): threshold = number
        default: throw ServiceError.invalidArgument("parameters.confidenceThreshold must be a number from 0 to 1.")
        }
        var limit = 10
        switch members["maxPredictions"] {
        case nil, .null?: break
        case .integer(let number)? where (1...1000).contains(number): limit = Int(number)
        case .number(let number)? where number.rounded() == number && (1...1000).contains(number): limit = Int(number)
        default: throw ServiceError.invalidArgument("parameters.maxPredictions must be a whole number from 1 to 1000.")
        }
        return (threshold, limit)
    }

    /// The base64 image of an instance.
    private static func content(_ instance: JSONValue, _ index: Int) throws -> String {
        guard case .object(let members) = instance else {
            throw ServiceError.invalidArgument("instances[\(index)] must be an object {\"content\": BASE64 image}.")
        }
        if let unknown = members.keys.sorted().first(where: { !["content", "mimeType"].contains($0) }) {
            throw ServiceError.invalidArgument(
                "instances[\(index)] has no member \"\(unknown)\"; an image instance has content and mimeType.")
        }
        guard case .string(let content)? = members["content"], !content.isEmpty,
            let bytes = Data(base64Encoded: content)
        else {
            throw ServiceError.invalidArgument(
                "instances[\(index)].content must be the image's bytes in base64 (a Cloud Storage URI is not "
                    + "accepted for online prediction).")
        }
        guard bytes.count <= 1_500_000 else {
            throw ServiceError.invalidArgument(
                "instances[\(index)] is \(bytes.count) bytes; online prediction takes images up to 1.5 MB.")
        }
        return content
    }

    /// The deployed model that serves a request: drawn by the traffic split.
    private static func pick(_ endpoint: VertexEndpoint) -> VertexDeployedModel? {
        let weighted = endpoint.deployedModels.compactMap { model -> (VertexDeployedModel, Int32)? in
            guard let share = endpoint.trafficSplit[model.id], share > 0 else { return nil }
            return (model, share)
        }
        var point = Int32.random(in: 0..<max(1, weighted.reduce(0) { $0 + $1.1 }))
        for (model, share) in weighted {
            if point < share { return model }
            point -= share
        }
        return weighted.last?.0
    }

    /// One prediction in Vertex AI's schema: parallel arrays, best first (`bboxes` are `[xMin, xMax, yMin, yMax]`).
    private static func prediction(
        _ reply: PredictionReply, labels: [String], specIDs: [String: String], threshold: Double, limit: Int
    ) -> JSONValue {
        var entries: [(label: String, confidence: Double, box: [Double]?)] = []
        if let boxes = reply.boxes {
            entries = boxes.filter { $0.label >= 0 && $0.label < labels.count && ($0.score ?? 0) >= threshold }.map {
                (labels[$0.label], $0.score ?? 0, [$0.xMin, $0.xMax, $0.yMin, $0.yMax])
            }
        } else {
            entries = zip(labels, reply.scores ?? []).filter { Double($0.1) >= threshold }.map {
                ($0.0, Double($0.1), nil)
            }
        }
        entries.sort { $0.confidence > $1.confidence }
        entries = Array(entries.prefix(limit))
        var object: JSONObject = [
            "ids": .array(entries.map { .string(specIDs[$0.label] ?? "") }),
            "displayNames": .array(entries.map { .string($0.label) }),
            "confidences": .array(entries.map { .number($0.confidence) }),
        ]
        if reply.boxes != nil {
            object["bboxes"] = .array(entries.map { .array(($0.box ?? []).map(JSONValue.number)) })
        }
        return .object(object)
    }
}
