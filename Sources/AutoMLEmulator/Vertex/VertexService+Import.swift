import AutoMLWire
import Foundation

extension VertexService {
    /// The work of ImportData: each file is read as JSON Lines or CSV of its config's schema, each image checked as
    /// a v1 import checks it; refused lines and images become partial failures and the rest still import. Images
    /// keep the split they were imported with (or none): the training pipeline's split decides how they are used.
    func runImport(_ operation: StoredOperation, datasetID: String, configs: [VertexImportJob]) async throws
        -> OperationOutcome
    {
        guard try await store.vertexDataset(datasetID, in: operation.parent) != nil else {
            return .failure(Status(code: .notFound, message: "dataset \(datasetID) was deleted during the import."))
        }
        guard let kind = configs.first?.kind else { return .response(VertexImportDataResponse()) }
        let mapper = try await base.gcsMapper(for: operation.parent)
        let probe = ImageProbe(
            allowedFormats: kind == .boundingBox
                ? ImageFormat.objectDetectionFormats : ImageFormat.classificationFormats)
        var failures: [Status] = []
        var examples: [NewExample] = []
        for config in configs {
            let defaultUse = config.dataItemLabels[VertexImportFile.mlUseKey].flatMap { MLUse(csvValue: $0) }
            for uri in config.uris {
                try Task.checkCancellation()
                let text: String
                switch base.readImportFile(uri, mapper: mapper) {
                case .text(let contents): text = contents
                case .failed(let status): return .failure(status, partialFailures: failures)
                }
                let file = VertexImportFile(
                    uri: uri, kind: kind, defaultMLUse: defaultUse,
                    allowsLocalPaths: !base.configuration.localImportFolders.isEmpty)
                let parsed = file.parse(text)
                failures += parsed.errors.map { Status(code: .invalidArgument, message: $0.message) }
                for example in parsed.examples {
                    switch base.prepare(example, csvURI: uri, mapper: mapper, probe: probe) {
                    case .ready(let prepared): examples.append(prepared)
                    case .refused(let status): failures.append(status)
                    }
                }
            }
        }
        let refused: [String: String]
        do {
            refused = try await store.addVertexExamples(examples, toDataset: datasetID, kind: kind)
        } catch let conflict as AnnotationKindConflict {
            return .failure(
                Status(
                    code: .failedPrecondition,
                    message:
                        "dataset \(datasetID) holds \(conflict.held.rawValue) annotations; import \(kind.rawValue) "
                        + "data into a new dataset."),
                partialFailures: failures)
        }
        return base.importOutcome(
            added: examples.count, refused: refused, failures: failures, response: VertexImportDataResponse())
    }
}
