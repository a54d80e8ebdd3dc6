import AutoMLWire
import AutoMLWorkerProtocol
import Foundation

extension EmulatorService {
    /// The work of ExportModel: `automl-trainer export` writes model.pt (TorchScript) and model.json.
    func runModelExport(_ operation: StoredOperation, modelID: String, outputDirectory: String) async throws
        -> OperationOutcome
    {
        guard let stored = try await store.model(modelID, in: operation.parent), let artifact = stored.artifactPath
        else {
            return .failure(ServiceError.notFound("Model", operation.worksOn).status)
        }
        return try await exportArtifact(artifact, to: outputDirectory, operation: operation, response: Empty())
    }

    /// Writes a trained model's files (`automl-trainer export`: model.pt and model.json) into a `gs://` folder and
    /// records the folder in the operation's metadata; the operation ends with `response`.
    func exportArtifact(
        _ artifact: String, to outputDirectory: String, operation: StoredOperation, response: some ProtoMessage
    ) async throws -> OperationOutcome {
        let folder: URL
        do {
            folder = try await gcsMapper(for: operation.parent).resolveForWriting(outputDirectory + "/model.json")
                .deletingLastPathComponent()
        } catch {
            return .failure(
                Status(
                    code: .invalidArgument, message: "cannot write \(outputDirectory): \(FileFailure.describe(error))"))
        }
        let logs = configuration.dataDirectory.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let worker = try WorkerProcess(
            executable: try serving.locator.locate(),
            arguments: ["export", artifact, folder.path],
            logFile: logs.appendingPathComponent("export-\(operation.id).log"))
        worker.finishInput()
        let exit = await worker.waitUntilExit()
        guard exit == .status(0) else {
            return .failure(Status(code: .internal, message: "the export failed: \(worker.logTail())"))
        }
        var details = ExportModelOperationMetadata()
        details.outputInfo = OutputInfo(gcsOutputDirectory: outputDirectory)
        let finished = details
        try await store.updateOperation(operation.id, now: clock.now()) { _, metadata in
            metadata.exportModelDetails = finished
        }
        return .response(response)
    }

    /// The work of BatchPredict: each image named in the input CSVs goes through the model's prediction
    /// worker; answers go to `image_classification_1.jsonl` (or `image_object_detection_1.jsonl`), one line per
    /// image, and images that cannot be predicted to `errors_1.jsonl`.
    func runBatchPrediction(
        _ operation: StoredOperation, modelID: String, inputURIs: [String], outputDirectory: String,
        params: [String: String]
    ) async throws -> OperationOutcome {
        guard let stored = try await store.model(modelID, in: operation.parent), let artifact = stored.artifactPath
        else {
            return .failure(ServiceError.notFound("Model", operation.worksOn).status)
        }
        let mapper = try await gcsMapper(for: operation.parent)
        var images: [String] = []
        for uri in inputURIs {
            do {
                let text = String(
                    decoding: try FileFailure.contents(of: try mapper.resolveForReading(uri)), as: UTF8.self)
                images += text.split(whereSeparator: \.isNewline)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            } catch {
                return .failure(
                    Status(code: .invalidArgument, message: FileFailure.message(uri, error)))
            }
        }
        let threshold = Double(params["score_threshold"] ?? "") ?? 0.5
        let maxBoxes = Int(params["max_bounding_box_count"] ?? "") ?? 100
        let specIDs = try await labelSpecIDs(stored)
        var results = Data()
        var errors = Data()
        for (index, image) in images.enumerated() {
            try Task.checkCancellation()
            var line: JSONObject = ["ID": .string(image)]
            do {
                let path = try mapper.resolveForReading(image).path
                let reply = try await servingReply(
                    stored, folder: artifact,
                    request: PredictionRequest(
                        id: 0, imagePath: path, scoreThreshold: threshold, maxBoxes: min(maxBoxes, 500)))
                if let error = reply.error { throw ServiceError.invalidArgument(error) }
                let payload = annotations(of: reply, labels: stored.labelSet, specIDs: specIDs, threshold: threshold)
                line["annotations"] = .array(payload.map { $0.protoJSON(options: .canonical) })
                results.append(JSONValue.object(line).encodedData() + Data([0x0A]))
            } catch {
                let message = (error as? ServiceError)?.status.message ?? "\(error)"
                line["code"] = .integer(Int64(RPCCode.invalidArgument.rawValue))
                line["message"] = .string(message)
                errors.append(JSONValue.object(line).encodedData() + Data([0x0A]))
            }
            if index % 20 == 19 {
                try await reportProgress(operation.id, percent: Int32((index + 1) * 99 / max(1, images.count)))
            }
        }
        if stored.model.deploymentState != .deployed { await serving.discard(modelID) }
        let kind = stored.domain == .detection ? "image_object_detection" : "image_classification"
        do {
            try results.write(to: try mapper.resolveForWriting("\(outputDirectory)/\(kind)_1.jsonl"))
            try errors.write(to: try mapper.resolveForWriting("\(outputDirectory)/errors_1.jsonl"))
        } catch {
            return .failure(
                Status(
                    code: .invalidArgument, message: "cannot write \(outputDirectory): \(FileFailure.describe(error))"))
        }
        var details = BatchPredictOperationMetadata()
        details.outputInfo = OutputInfo(gcsOutputDirectory: outputDirectory)
        let finished = details
        try await store.updateOperation(operation.id, now: clock.now()) { _, metadata in
            metadata.batchPredictDetails?.outputInfo = finished.outputInfo
        }
        var result = BatchPredictResult()
        if stored.domain == .detection { result.metadata["max_bounding_box_count"] = String(maxBoxes) }
        return .response(result)
    }
}
