import AutoMLWire
import Foundation

extension EmulatorService {
    /// DeployModel: a model already deployed on the same node count is left as it is; otherwise a deploy
    /// operation runs for the configured time.
    func deployModel(_ id: String, in parent: Parent, body: DeployModelRequest) async throws -> LongRunningOperation {
        let stored = try await requireModel(id, in: parent)
        let isDetection = stored.domain == .detection
        if isDetection, body.imageClassificationModelDeploymentMetadata != nil {
            throw ServiceError.invalidArgument(
                "model \(id) is an object detection model; use "
                    + "imageObjectDetectionModelDeploymentMetadata.")
        }
        if !isDetection, body.imageObjectDetectionModelDeploymentMetadata != nil {
            throw ServiceError.invalidArgument(
                "model \(id) is an image classification model; use "
                    + "imageClassificationModelDeploymentMetadata.")
        }
        let requested =
            (body.imageClassificationModelDeploymentMetadata ?? body.imageObjectDetectionModelDeploymentMetadata)?
            .nodeCount ?? 0
        let nodeCount = requested == 0 ? 1 : requested
        guard (1...100).contains(nodeCount) else {
            throw ServiceError.invalidArgument("nodeCount \(nodeCount) is out of range: it must be 1–100.")
        }
        if stored.model.deploymentState == .deployed, currentNodeCount(stored.model) == nodeCount {
            return try await finishedOperation(
                in: parent, prefix: stored.domain.idPrefix, worksOn: stored.model.name,
                response: Empty()
            ) { $0.deployModelDetails = OperationDetails() }
        }
        return try await startOperation(
            in: parent, prefix: stored.domain.idPrefix, worksOn: stored.model.name,
            job: .deploy(modelID: id, nodeCount: nodeCount)
        ) {
            $0.deployModelDetails = OperationDetails()
        }
    }

    /// UndeployModel: a model that is not deployed is left as it is.
    func undeployModel(_ id: String, in parent: Parent) async throws -> LongRunningOperation {
        let stored = try await requireModel(id, in: parent)
        if stored.model.deploymentState != .deployed {
            return try await finishedOperation(
                in: parent, prefix: stored.domain.idPrefix, worksOn: stored.model.name,
                response: Empty()
            ) { $0.undeployModelDetails = OperationDetails() }
        }
        return try await startOperation(
            in: parent, prefix: stored.domain.idPrefix, worksOn: stored.model.name,
            job: .undeploy(modelID: id)
        ) { $0.undeployModelDetails = OperationDetails() }
    }

    /// The work of deploy (nodeCount > 0) and undeploy (0): the configured time on the clock, then the state.
    func runDeployment(_ operation: StoredOperation, modelID: String, nodeCount: Int64) async throws -> OperationOutcome
    {
        try await clock.sleep(for: configuration.deployDuration)
        let now = Timestamp(clock.now())
        let updated = try await store.updateModel(modelID) { model in
            model.deploymentState = nodeCount > 0 ? .deployed : .undeployed
            model.updateTime = now
            model.imageClassificationModelMetadata?.nodeCount = nodeCount
            model.imageObjectDetectionModelMetadata?.nodeCount = nodeCount
        }
        guard updated != nil else {
            return .failure(ServiceError.notFound("Model", operation.worksOn).status)
        }
        if nodeCount == 0 {
            await serving.discard(modelID)
        } else if let folder = try await store.model(modelID, in: operation.parent)?.artifactPath {
            // Kept warm while deployed: the first prediction finds the model loaded.
            await serving.discard(modelID)
            _ = try? await serving.warm(modelID, directory: folder, replicas: Int(nodeCount))
        }
        return .response(Empty())
    }

    /// ExportModel. The service wrote TensorFlow Lite, Core ML and similar formats of its mobile model types;
    /// this backend's models are libtorch models, so it writes one format, `torchscript` (an extension), for
    /// every model type, and says so for the others.
    func exportModel(_ id: String, in parent: Parent, body: ExportModelRequest) async throws -> LongRunningOperation {
        let stored = try await requireModel(id, in: parent)
        guard let prefix = body.outputConfig?.gcsDestination?.outputUriPrefix, !prefix.isEmpty else {
            throw ServiceError.invalidArgument("outputConfig.gcsDestination.outputUriPrefix is required.")
        }
        let format = body.outputConfig?.modelFormat ?? ""
        guard format == Self.exportFormat else {
            throw ServiceError.invalidArgument(
                "modelFormat \"\(format)\" cannot be written by this backend: its models are "
                    + "libtorch models, exported as modelFormat \"\(Self.exportFormat)\" (a "
                    + "TorchScript model.pt and a model.json of labels and preprocessing).")
        }
        guard stored.artifactPath != nil else { throw noPredictor(stored) }
        let directory = outputDirectoryURI(prefix: prefix, kind: "model-export", model: stored.model)
        let mapper = try await gcsMapper(for: parent)
        do {
            _ = try mapper.resolveForWriting(directory + "/model.json")
        } catch {
            throw ServiceError.invalidArgument("outputConfig.gcsDestination.outputUriPrefix: \(error)")
        }
        return try await startOperation(
            in: parent, prefix: stored.domain.idPrefix, worksOn: stored.model.name,
            job: .exportModel(modelID: id, outputDirectory: directory)
        ) {
            $0.exportModelDetails = ExportModelOperationMetadata()
        }
    }

    /// The model format this backend exports.
    static let exportFormat = "torchscript"

    /// `PREFIX/KIND-DISPLAYNAME-TIMESTAMP`, the service's name for an export or prediction folder.
    func outputDirectoryURI(prefix: String, kind: String, model: Model) -> String {
        (prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix) + "/\(kind)-\(model.displayName)-"
            + exportTimestamp(clock.now())
    }

    func predict(_ id: String, in parent: Parent, body: PredictRequest) async throws -> PredictResponse {
        let stored = try await requireModel(id, in: parent)
        guard body.payload?.image?.imageBytes.isEmpty == false else {
            throw ServiceError.invalidArgument(
                "List of found errors:\t1.Field: payload.image.image_bytes; Message: "
                    + "Required field not set.\t")
        }
        try checkPredictParams(body.params)
        guard stored.model.deploymentState == .deployed else {
            throw ServiceError.failedPrecondition("model \(id) is not deployed; deploy it before online prediction.")
        }
        return try await runPrediction(stored, body: body)
    }

    func batchPredict(_ id: String, in parent: Parent, body: BatchPredictRequest) async throws -> LongRunningOperation {
        let stored = try await requireModel(id, in: parent)
        guard body.inputConfig?.gcsSource?.inputUris.isEmpty == false else {
            throw ServiceError.invalidArgument("inputConfig.gcsSource.inputUris must name at least one CSV file.")
        }
        guard body.outputConfig?.gcsDestination?.outputUriPrefix.isEmpty == false else {
            throw ServiceError.invalidArgument("outputConfig.gcsDestination.outputUriPrefix is required.")
        }
        try checkPredictParams(body.params)
        guard stored.artifactPath != nil else { throw noPredictor(stored) }
        let uris = body.inputConfig?.gcsSource?.inputUris ?? []
        let directory = outputDirectoryURI(
            prefix: body.outputConfig?.gcsDestination?.outputUriPrefix ?? "",
            kind: "prediction", model: stored.model)
        let mapper = try await gcsMapper(for: parent)
        do {
            _ = try mapper.resolveForWriting(directory + "/errors_1.jsonl")
            for uri in uris { _ = try mapper.resolveForReading(uri) }
        } catch {
            throw ServiceError.invalidArgument("\(error)")
        }
        return try await startOperation(
            in: parent, prefix: stored.domain.idPrefix, worksOn: stored.model.name,
            job: .batchPredict(
                modelID: id, inputURIs: uris, outputDirectory: directory,
                params: body.params)
        ) {
            var details = BatchPredictOperationMetadata()
            details.inputConfig = body.inputConfig
            $0.batchPredictDetails = details
        }
    }

    func listModelEvaluations(ofModel id: String, in parent: Parent, query: [String: String]) async throws
        -> ListModelEvaluationsResponse
    {
        let models = id == "-" ? try await store.models(in: parent) : [try await requireModel(id, in: parent)]
        var evaluations: [StoredEvaluation] = []
        for model in models {
            evaluations += try await store.evaluations(ofModel: model.id).map {
                StoredEvaluation(seq: $0.seq, evaluation: $0.evaluation)
            }
        }
        let list = try ListQuery(query, list: .modelEvaluations, parent: "\(parent)/models/\(id)")
        let page = list.page(of: evaluations, sequence: \.seq)
        var response = ListModelEvaluationsResponse()
        response.modelEvaluation = page.items.map(\.evaluation)
        response.nextPageToken = page.nextPageToken ?? ""
        return response
    }

    func getModelEvaluation(_ evaluationID: String, model id: String, in parent: Parent) async throws
        -> ModelEvaluation
    {
        let stored = try await requireModel(id, in: parent)
        guard let found = try await store.evaluations(ofModel: id).first(where: { $0.id == evaluationID }) else {
            throw ServiceError.notFound("ModelEvaluation", "\(stored.model.name)/modelEvaluations/\(evaluationID)")
        }
        return found.evaluation
    }

    private func currentNodeCount(_ model: Model) -> Int64 {
        model.imageClassificationModelMetadata?.nodeCount ?? model.imageObjectDetectionModelMetadata?.nodeCount ?? 0
    }

    private func checkPredictParams(_ params: [String: String]) throws {
        if let threshold = params["score_threshold"] {
            guard let value = Double(threshold), (0...1).contains(value) else {
                throw ServiceError.invalidArgument(
                    "params.score_threshold \"\(threshold)\" must be a number from 0 to 1.")
            }
        }
        if let count = params["max_bounding_box_count"] {
            guard let value = Int64(count), value > 0 else {
                throw ServiceError.invalidArgument(
                    "params.max_bounding_box_count \"\(count)\" must be a positive integer.")
            }
        }
    }
}
