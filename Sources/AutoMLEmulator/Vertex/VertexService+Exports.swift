import AutoMLWire
import Foundation

extension VertexService {
    /// ExportData: the dataset's images and annotations as one JSON Lines file in the import format of its
    /// annotation kind (so it imports again as it is), in `PREFIX/export-data-NAME-TIMESTAMP/data.jsonl`. Each image
    /// keeps its imported split as its `ml_use` label, or takes the one a `fractionSplit` gives it.
    func exportData(_ id: String, in parent: VertexParent, body: VertexExportDataRequest) async throws
        -> LongRunningOperation
    {
        let stored = try await requireDataset(id, in: parent)
        guard let config = body.exportConfig, let prefix = config.gcsDestination?.outputUriPrefix, !prefix.isEmpty
        else {
            throw ServiceError.invalidArgument("exportConfig.gcsDestination.outputUriPrefix is required.")
        }
        guard config.annotationsFilter.isEmpty, config.annotationSchemaUri.isEmpty else {
            throw ServiceError.invalidArgument(
                "exportConfig.annotationsFilter and annotationSchemaUri are not supported by this backend: it exports "
                    + "every annotation of the dataset.")
        }
        if let fraction = config.fractionSplit {
            var input = VertexInputDataConfig()
            input.fractionSplit = fraction
            _ = try VertexSplit(input)
        }
        let directory =
            (prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix)
            + "/export-data-\(Self.folderSafe(stored.dataset.displayName))-\(exportTimestamp(clock.now()))"
        do {
            _ = try await base.gcsMapper(for: parent.parent).resolveForWriting(directory + "/data.jsonl")
        } catch {
            throw ServiceError.invalidArgument("exportConfig.gcsDestination.outputUriPrefix: \(error)")
        }
        let fractions = config.fractionSplit.map { [$0.trainingFraction, $0.validationFraction, $0.testFraction] }
        return try await startOperation(
            in: parent, owner: "datasets/\(id)", kind: .exportData, worksOn: stored.dataset.name,
            job: .vertexExportData(datasetID: id, outputDirectory: directory, fractions: fractions))
    }

    func runExportData(_ operation: StoredOperation, datasetID: String, directory: String, fractions: [Double]?)
        async throws -> OperationOutcome
    {
        guard let dataset = try await store.vertexDataset(datasetID, in: operation.parent) else {
            return .failure(Status(code: .notFound, message: "dataset \(datasetID) was deleted during the export."))
        }
        var split: VertexSplit?
        if let fractions, fractions.count == 3 {
            var fraction = VertexFractionSplit()
            (fraction.trainingFraction, fraction.validationFraction, fraction.testFraction) =
                (fractions[0], fractions[1], fractions[2])
            var input = VertexInputDataConfig()
            input.fractionSplit = fraction
            split = try VertexSplit(input)
        }
        let kind = dataset.kind ?? .singleLabel
        var lines: [String] = []
        for example in try await store.examples(ofDataset: datasetID) {
            let use = split?.use(path: example.uri, imported: example.mlUse) ?? example.mlUse
            lines.append(Self.exportLine(example, kind: kind, mlUse: MLUse(csvValue: use) ?? .unassigned))
        }
        let file = directory + "/data.jsonl"
        if let failure = try await base.writeExport(
            lines.map { $0 + "\n" }.joined(), to: file, directory: directory,
            mapper: try await base.gcsMapper(for: operation.parent), operation: operation)
        {
            return .failure(failure)
        }
        var response = VertexExportDataResponse()
        response.exportedFiles = [file]
        return .response(response)
    }

    /// A display name as part of a folder name: characters other than ASCII letters, digits, `_` and `-` become `_`.
    static func folderSafe(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") ? $0 : "_" })
    }

    /// One image as an import line of its dataset's kind.
    static func exportLine(_ example: StoredExample, kind: VertexAnnotationKind, mlUse: MLUse) -> String {
        var object: JSONObject = ["imageGcsUri": .string(example.uri)]
        let word: [MLUse: String] = [.train: "training", .validation: "validation", .test: "test"]
        if let use = word[mlUse] {
            object["dataItemResourceLabels"] = .object([VertexImportFile.mlUseKey: .string(use)])
        }
        switch kind {
        case .singleLabel:
            if let label = example.labels.first {
                object["classificationAnnotation"] = .object(["displayName": .string(label)])
            }
        case .multiLabel:
            object["classificationAnnotations"] = .array(example.labels.map { .object(["displayName": .string($0)]) })
        case .boundingBox:
            object["boundingBoxAnnotations"] = .array(
                example.boxes.map { box in
                    .object([
                        "displayName": .string(box.label), "xMin": .number(box.box.xMin), "xMax": .number(box.box.xMax),
                        "yMin": .number(box.box.yMin), "yMax": .number(box.box.yMax),
                    ])
                })
        }
        var writer = JSONWriter()
        writer.write(.object(object))
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// ExportModel: the model's files (TorchScript `model.pt` and `model.json` of labels and preprocessing) in
    /// `PREFIX/model-ID/torchscript/TIMESTAMP/`. This backend's models are libtorch models, so `torchscript` is the
    /// one export format it lists and writes.
    func exportModel(_ id: String, in parent: VertexParent, body: VertexExportModelRequest) async throws
        -> LongRunningOperation
    {
        let stored = try await requireModel(id, in: parent)
        let format = body.outputConfig?.exportFormatId ?? ""
        guard format == EmulatorService.exportFormat else {
            throw ServiceError.invalidArgument(
                "exportFormatId \"\(format)\" is not one this model can be exported as; its "
                    + "supportedExportFormats are \"\(EmulatorService.exportFormat)\" (this backend's models are "
                    + "libtorch models: a TorchScript model.pt and a model.json).")
        }
        guard let prefix = body.outputConfig?.artifactDestination?.outputUriPrefix, !prefix.isEmpty else {
            throw ServiceError.invalidArgument("outputConfig.artifactDestination.outputUriPrefix is required.")
        }
        guard stored.artifactPath != nil else {
            throw ServiceError.failedPrecondition("model \(stored.model.name) has no trained weights to export.")
        }
        let directory =
            (prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix)
            + "/model-\(stored.id)/\(format)/\(exportTimestamp(clock.now()))"
        do {
            _ = try await base.gcsMapper(for: parent.parent).resolveForWriting(directory + "/model.json")
        } catch {
            throw ServiceError.invalidArgument("outputConfig.artifactDestination.outputUriPrefix: \(error)")
        }
        return try await startOperation(
            in: parent, owner: "models/\(stored.id)", kind: .exportModel, worksOn: stored.model.name,
            job: .vertexExportModel(modelID: stored.id, outputDirectory: directory))
    }

    func runExportModel(_ operation: StoredOperation, modelID: String, directory: String) async throws
        -> OperationOutcome
    {
        guard let model = try await store.vertexModel(modelID, in: operation.parent), let artifact = model.artifactPath
        else {
            return .failure(Status(code: .notFound, message: "model \(modelID) was deleted during the export."))
        }
        return try await base.exportArtifact(
            artifact, to: directory, operation: operation, response: VertexExportModelResponse())
    }
}
