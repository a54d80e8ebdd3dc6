import AutoMLWire
import Foundation

extension EmulatorService {
    /// The work of ImportData: parse each CSV, check each image's header, and add the good images; every
    /// refused row or image becomes a partial failure, and the rest still import.
    func runImport(_ operation: StoredOperation, datasetID: String, uris: [String]) async throws -> OperationOutcome {
        guard let dataset = try await store.dataset(datasetID, in: operation.parent) else {
            return .failure(ServiceError.notFound("Dataset", operation.worksOn).status)
        }
        let isDetection = dataset.domain == .detection
        let multiLabel = dataset.dataset.imageClassificationDatasetMetadata?.classificationType == .multilabel
        let mapper = try await gcsMapper(for: operation.parent)
        let probe = ImageProbe(
            allowedFormats: isDetection
                ? ImageFormat.objectDetectionFormats
                : ImageFormat.classificationFormats)
        var failures: [Status] = []
        var examples: [NewExample] = []
        for (index, uri) in uris.enumerated() {
            try Task.checkCancellation()
            let text: String
            switch readImportFile(uri, mapper: mapper) {
            case .text(let contents): text = contents
            case .failed(let status): return .failure(status, partialFailures: failures)
            }
            let parsed =
                isDetection
                ? ImportCSV.objectDetection(
                    text, csvURI: uri, allowsLocalPaths: !configuration.localImportFolders.isEmpty)
                : ImportCSV.classification(
                    text, csvURI: uri, multiLabel: multiLabel,
                    allowsLocalPaths: !configuration.localImportFolders.isEmpty)
            failures += parsed.errors.map { Status(code: .invalidArgument, message: $0.message) }
            for example in parsed.examples {
                switch prepare(example.resolvingUnassignedSplit(), csvURI: uri, mapper: mapper, probe: probe) {
                case .ready(let prepared): examples.append(prepared)
                case .refused(let status): failures.append(status)
                }
            }
            try await reportProgress(operation.id, percent: Int32((index + 1) * 90 / uris.count))
        }
        let refused = try await store.addExamples(examples, toDataset: datasetID, multiLabel: multiLabel)
        return importOutcome(added: examples.count, refused: refused, failures: failures, response: Empty())
    }

    /// How an import ends once its images were added: every refused image is a partial failure, and an import that
    /// added nothing while something was refused fails.
    func importOutcome(added count: Int, refused: [String: String], failures: [Status], response: some ProtoMessage)
        -> OperationOutcome
    {
        let failures =
            failures
            + refused.keys.sorted().compactMap { key in
                refused[key].map { Status(code: .invalidArgument, message: "Error: \($0)") }
            }
        if count == refused.count, !failures.isEmpty {
            return .failure(
                Status(
                    code: .invalidArgument,
                    message: "no image could be imported: every row was refused (see partialFailures)."),
                partialFailures: failures)
        }
        return .response(response, partialFailures: failures)
    }

    /// Reads an import file's text, or the status that ends the import.
    func readImportFile(_ uri: String, mapper: GCSPathMapper) -> ImportFileRead {
        do {
            let data = try FileFailure.contents(of: try mapper.resolveForReading(uri))
            return .text(try CSVReader.decode(data, csvURI: uri))
        } catch let error as ImportFileError {
            return .failed(Status(code: .invalidArgument, message: error.message))
        } catch let error as GCSPathError {
            return .failed(Status(code: .invalidArgument, message: "Error: \(error.message)"))
        } catch {
            // Never the server's own path or Foundation's wording: the URI and what is wrong with it.
            return .failed(Status(code: .notFound, message: FileFailure.message(uri, error)))
        }
    }

    /// Resolves and probes one image; a missing, unreadable or too-small image is a partial failure.
    func prepare(_ example: ImportedExample, csvURI: String, mapper: GCSPathMapper, probe: ImageProbe)
        -> PreparedImage
    {
        let info: ImageInfo
        let url: URL
        do {
            url = try mapper.resolveForReading(example.path)
            guard FileManager.default.fileExists(atPath: url.path) else {
                return .refused(
                    Status(code: .notFound, message: "Error: \(csvURI): image \(example.path) does not exist."))
            }
            info = try probe.probe(fileAt: url)
        } catch {
            return .refused(
                Status(
                    code: .invalidArgument,
                    message: "Error: \(csvURI): image \(example.path): \(FileFailure.describe(error))"))
        }
        // The header was fine; the trainer decodes JPEG and PNG, so those are decoded whole here (a truncated
        // or damaged image fails its row now, not the training later) and other formats are refused.
        guard info.format == .jpeg || info.format == .png else {
            return .refused(
                Status(
                    code: .invalidArgument,
                    message: "Error: \(csvURI): image \(example.path): "
                        + "\(info.format) images cannot be trained on by this backend; convert it to JPEG or PNG."))
        }
        do {
            let bytes = try [UInt8](Data(contentsOf: url))
            _ = try ImageCodec.validate(bytes, maxPixels: probe.maxPixelCount)
        } catch {
            return .refused(
                Status(
                    code: .invalidArgument,
                    message: "Error: \(csvURI): image \(example.path): \(FileFailure.describe(error))"))
        }
        for box in example.boxes where !box.meetsMinimumPixelSize(imageWidth: info.width, imageHeight: info.height) {
            return .refused(
                Status(
                    code: .invalidArgument,
                    message: "Error: \(csvURI): image \(example.path): a box "
                        + "of \(box.label) is smaller than \(ImportedBox.minimumPixelEdge)×\(ImportedBox.minimumPixelEdge) pixels "
                        + "on this \(info.width)×\(info.height) image."))
        }
        return .ready(
            NewExample(
                uri: example.path, filePath: url.path, mlUse: example.mlUse.rawValue, width: info.width,
                height: info.height, format: info.format.rawValue, labels: example.labels,
                boxes: example.boxes.map {
                    ($0.label, StoredBox(xMin: $0.xMin, yMin: $0.yMin, xMax: $0.xMax, yMax: $0.yMax))
                }))
    }

    /// The work of ExportData: the dataset as CSV in the import grammar, in a new folder under the prefix.
    func runExport(_ operation: StoredOperation, datasetID: String, outputPrefix: String) async throws
        -> OperationOutcome
    {
        guard let dataset = try await store.dataset(datasetID, in: operation.parent) else {
            return .failure(ServiceError.notFound("Dataset", operation.worksOn).status)
        }
        let stamp = exportTimestamp(clock.now())
        let directoryURI =
            "\(outputPrefix.hasSuffix("/") ? String(outputPrefix.dropLast()) : outputPrefix)/"
            + "export_data-\(dataset.dataset.displayName)-\(stamp)"
        let mapper = try await gcsMapper(for: operation.parent)
        let examples = try await store.examples(ofDataset: datasetID).map { example in
            ImportedExample(
                path: example.uri, mlUse: MLUse(csvValue: example.mlUse) ?? .unassigned,
                labels: example.labels,
                boxes: example.boxes.map {
                    ImportedBox(
                        label: $0.label, xMin: $0.box.xMin, yMin: $0.box.yMin, xMax: $0.box.xMax,
                        yMax: $0.box.yMax)
                })
        }
        let text =
            dataset.domain == .detection ? ExportCSV.objectDetection(examples) : ExportCSV.classification(examples)
        let fileName = dataset.domain == .detection ? "image_object_detection_1.csv" : "image_classification_1.csv"
        if let failure = try await writeExport(
            text, to: "\(directoryURI)/\(fileName)", directory: directoryURI, mapper: mapper, operation: operation)
        {
            return .failure(failure)
        }
        return .response(Empty())
    }

    /// Writes an ExportData's file into its folder and records the folder in the operation's metadata; returns the
    /// status that fails the export when the file cannot be written.
    func writeExport(
        _ text: String, to file: String, directory: String, mapper: GCSPathMapper, operation: StoredOperation
    ) async throws -> Status? {
        do {
            try Data(text.utf8).write(to: try mapper.resolveForWriting(file), options: .atomic)
        } catch {
            return Status(code: .invalidArgument, message: "cannot write \(directory): \(FileFailure.describe(error))")
        }
        var exportDetails = ExportDataOperationMetadata()
        exportDetails.outputInfo = OutputInfo(gcsOutputDirectory: directory)
        let details = exportDetails
        try await store.updateOperation(operation.id, now: clock.now()) { _, metadata in
            metadata.exportDataDetails = details
        }
        return nil
    }
}

/// `2024-05-01T10:00:00.123Z`, the timestamp form of the service's output folder names (always milliseconds).
func exportTimestamp(_ date: Date) -> String {
    let timestamp = Timestamp(date)
    let whole = Timestamp(seconds: timestamp.seconds).rfc3339.dropLast()
    return whole + "." + String(format: "%03d", timestamp.nanos / 1_000_000) + "Z"
}

/// An import file's text, or the status that ends the import.
enum ImportFileRead {
    case text(String)
    case failed(Status)
}

/// One image of an import after its checks: ready to store, or refused with a partial failure.
enum PreparedImage {
    case ready(NewExample)
    case refused(Status)
}
