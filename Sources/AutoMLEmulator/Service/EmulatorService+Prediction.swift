import AutoMLWire
import AutoMLWorkerProtocol
import Foundation

extension EmulatorService {
    /// Predict on a deployed model: the model's serving worker decodes the image and runs it.
    func runPrediction(_ stored: StoredModel, body: PredictRequest) async throws -> PredictResponse {
        guard let folder = stored.artifactPath else { throw noPredictor(stored) }
        let threshold = Double(body.params["score_threshold"] ?? "") ?? 0.5
        let maxBoxes = Int(body.params["max_bounding_box_count"] ?? "") ?? 100
        let request = PredictionRequest(
            id: 0, imageBase64: body.payload?.image?.imageBytes.base64EncodedString(),
            scoreThreshold: threshold, maxBoxes: min(maxBoxes, 500))
        let reply = try await servingReply(stored, folder: folder, request: request)
        if let error = reply.error {
            throw ServiceError.invalidArgument("the image cannot be used: \(error)")
        }
        var response = PredictResponse()
        response.payload = annotations(
            of: reply, labels: stored.labelSet, specIDs: try await labelSpecIDs(stored),
            threshold: threshold)
        if stored.domain == .detection { response.metadata["max_bounding_box_count"] = String(maxBoxes) }
        return response
    }

    /// Asks the model's worker, starting it when needed; a worker that stopped is replaced once.
    func servingReply(_ stored: StoredModel, folder: String, request: PredictionRequest) async throws -> PredictionReply
    {
        let nodes =
            stored.model.imageClassificationModelMetadata?.nodeCount
            ?? stored.model.imageObjectDetectionModelMetadata?.nodeCount ?? 1
        return try await servingReply(
            modelID: stored.id, folder: folder,
            replicas: stored.model.deploymentState == .deployed ? Int(nodes) : 1, request: request)
    }

    /// Asks a model's worker (either API's model), starting it with `replicas` when needed.
    func servingReply(modelID: String, folder: String, replicas: Int, request: PredictionRequest) async throws
        -> PredictionReply
    {
        for attempt in 0..<2 {
            let worker: ServingWorker
            do {
                worker = try await serving.worker(for: modelID, directory: folder, replicas: replicas)
            } catch {
                throw ServiceError(.internal, "the prediction worker cannot start: \(error)")
            }
            do {
                return try await worker.predict(request)
            } catch {
                await serving.discard(modelID)
                if attempt == 1 { throw ServiceError(.internal, "prediction failed: \(error)") }
            }
        }
        throw ServiceError(.internal, "prediction failed")
    }

    /// The annotation spec ID of each label of the model's dataset, by display name.
    func labelSpecIDs(_ stored: StoredModel) async throws -> [String: String] {
        try await specIDsByName(ofDataset: stored.model.datasetId)
    }

    /// The annotation spec ID of each label of a dataset, by display name.
    func specIDsByName(ofDataset datasetID: String) async throws -> [String: String] {
        Dictionary(
            try await store.annotationSpecs(ofDataset: datasetID).map { ($0.displayName, $0.id) },
            uniquingKeysWith: { first, _ in first })
    }

    /// The service's answer: labels scoring at least the threshold, best first, or the boxes.
    func annotations(
        of reply: PredictionReply, labels: [String], specIDs: [String: String],
        threshold: Double
    ) -> [AnnotationPayload] {
        if let boxes = reply.boxes {
            return boxes.filter { $0.label >= 0 && $0.label < labels.count }.map { box in
                var payload = AnnotationPayload()
                payload.displayName = labels[box.label]
                payload.annotationSpecId = specIDs[labels[box.label]] ?? ""
                var detection = ImageObjectDetectionAnnotation()
                detection.score = Float(box.score ?? 0)
                var poly = BoundingPoly()
                var topLeft = NormalizedVertex()
                var bottomRight = NormalizedVertex()
                topLeft.x = Float(box.xMin)
                topLeft.y = Float(box.yMin)
                bottomRight.x = Float(box.xMax)
                bottomRight.y = Float(box.yMax)
                poly.normalizedVertices = [topLeft, bottomRight]
                detection.boundingBox = poly
                payload.imageObjectDetection = detection
                return payload
            }
        }
        let scores = reply.scores ?? []
        return zip(labels, scores).filter { Double($0.1) >= threshold }.sorted { $0.1 > $1.1 }.map { label, score in
            var payload = AnnotationPayload()
            payload.displayName = label
            payload.annotationSpecId = specIDs[label] ?? ""
            var classification = ClassificationAnnotation()
            classification.score = score
            payload.classification = classification
            return payload
        }
    }

    /// The answer for a model without trained weights (one trained before this backend trained for real).
    func noPredictor(_ stored: StoredModel) -> ServiceError {
        ServiceError.failedPrecondition(
            "model \(stored.id) has no trained weights (it was made by an earlier version "
                + "of this backend that did not train); train a new model.")
    }
}
