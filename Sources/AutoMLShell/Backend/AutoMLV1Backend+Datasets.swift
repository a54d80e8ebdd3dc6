import AutoMLClient
import Foundation

extension AutoMLV1Backend {
    func getDataset(_ name: DatasetName) async throws -> BackendResource {
        let dataset = try await client.getDataset(name)
        return BackendResource(
            json: dataset.protoJSON(options: .canonical), id: dataset.datasetName?.dataset ?? name.dataset,
            displayName: dataset.displayName)
    }

    func createDataset(in location: LocationName, displayName: String, kind: DatasetKind) async throws
        -> BackendResource
    {
        var dataset = Dataset()
        dataset.displayName = displayName
        switch kind {
        case .multiclass: dataset.imageClassificationDatasetMetadata = .init(classificationType: .multiclass)
        case .multilabel: dataset.imageClassificationDatasetMetadata = .init(classificationType: .multilabel)
        case .detection: dataset.imageObjectDetectionDatasetMetadata = ImageObjectDetectionDatasetMetadata()
        }
        let created = try await finish(try await client.createDataset(in: location, dataset), as: Dataset.self)
        return BackendResource(
            json: created.protoJSON(options: .canonical), id: created.datasetName?.dataset ?? "",
            displayName: created.displayName)
    }

    func datasetKind(of dataset: BackendResource) -> DatasetKind {
        if dataset.json["imageObjectDetectionDatasetMetadata"] != nil { return .detection }
        let type = dataset.json["imageClassificationDatasetMetadata"]?["classificationType"]?.stringValue
        return type == "MULTILABEL" ? .multilabel : .multiclass
    }

    var stagedImportFormat: StagedImportFormat { .automlCSV }

    var importNeedsDatasetKind: Bool { false }

    func importData(into name: DatasetName, kind: DatasetKind, uris: [String]) async throws -> BackendOperation {
        Self.operation(try await client.importData(into: name, InputConfig(gcsSource: GcsSource(inputUris: uris))))
    }

    func exportData(_ name: DatasetName, to prefix: String) async throws -> BackendOperation {
        Self.operation(
            try await client.exportData(name, to: OutputConfig(gcsDestination: GcsDestination(outputUriPrefix: prefix)))
        )
    }

    func deleteDataset(_ name: DatasetName) async throws -> BackendOperation {
        Self.operation(try await client.deleteDataset(name))
    }

    /// Exports the dataset for its label counts (the v1 API has no call that lists labels) and waits for it.
    func exportForLabelStats(_ name: DatasetName, to prefix: StorageLocation) async throws {
        let started = try await client.exportData(
            name, to: OutputConfig(gcsDestination: GcsDestination(outputUriPrefix: prefix.description)))
        let operationName = try OperationName(parsing: started.name)
        let policy = PollPolicy(initialDelay: .milliseconds(20), maxDelay: .milliseconds(500), timeout: .seconds(300))
        _ = try await client.wait(for: operationName, as: Empty.self, policy: policy)
        // The export is the shell's own bookkeeping: forget it so it does not crowd `operations`.
        try? await client.deleteOperation(operationName)
    }

    var exportFileSuffix: String { ".csv" }

    func labelStats(exported text: String, kind: DatasetKind) -> LabelStats {
        LabelStats(csv: text, isDetection: kind == .detection)
    }
}
