import AutoMLClient
import Foundation

extension VertexBackend {
    func getDataset(_ name: DatasetName) async throws -> BackendResource {
        Self.resource(try await client.getDataset(try vertex(name)).protoJSON(options: .canonical))
    }

    func createDataset(in location: LocationName, displayName: String, kind: DatasetKind) async throws
        -> BackendResource
    {
        var dataset = VertexDataset()
        dataset.displayName = displayName
        dataset.labels = [Self.kindLabel: kind.rawValue]
        let started = try await client.createDataset(in: location, dataset)
        let policy = PollPolicy(initialDelay: .milliseconds(100), maxDelay: .seconds(2), timeout: .seconds(120))
        let created = try await client.wait(for: started, as: VertexDataset.self, policy: policy)
        return Self.resource(created.protoJSON(options: .canonical))
    }

    /// The type the shell wrote at create; a dataset made elsewhere has none and is taken as single-label.
    func datasetKind(of dataset: BackendResource) -> DatasetKind {
        dataset.json["labels"]?[Self.kindLabel]?.stringValue.flatMap(DatasetKind.init(rawValue:)) ?? .multiclass
    }

    var stagedImportFormat: StagedImportFormat { .vertexJSONLines }

    var importNeedsDatasetKind: Bool { true }

    func importData(into name: DatasetName, kind: DatasetKind, uris: [String]) async throws -> BackendOperation {
        var config = VertexImportDataConfig()
        config.gcsSource = VertexGcsSource(uris: uris)
        config.importSchemaUri = Self.importSchema(kind)
        let started = try await client.importData(into: try vertex(name), [config])
        return Self.operation(started.protoJSON(options: .canonical), in: nil)
    }

    static func importSchema(_ kind: DatasetKind) -> String {
        switch kind {
        case .multiclass: VertexSchema.Import.singleLabel
        case .multilabel: VertexSchema.Import.multiLabel
        case .detection: VertexSchema.Import.boundingBox
        }
    }

    func exportData(_ name: DatasetName, to prefix: String) async throws -> BackendOperation {
        Self.operation(
            try await client.exportData(try vertex(name), to: prefix).protoJSON(options: .canonical), in: nil)
    }

    func deleteDataset(_ name: DatasetName) async throws -> BackendOperation {
        Self.operation(try await client.deleteDataset(try vertex(name)).protoJSON(options: .canonical), in: nil)
    }

    func exportForLabelStats(_ name: DatasetName, to prefix: StorageLocation) async throws {
        let started = try await client.exportData(try vertex(name), to: prefix.description)
        let policy = PollPolicy(initialDelay: .milliseconds(20), maxDelay: .milliseconds(500), timeout: .seconds(300))
        _ = try await client.wait(for: started, as: VertexExportDataResponse.self, policy: policy)
        // The export is the shell's own bookkeeping: forget it so it does not crowd `operations`.
        if let operation = started.vertexOperationName { try? await client.deleteOperation(operation) }
    }

    var exportFileSuffix: String { ".jsonl" }

    func labelStats(exported text: String, kind: DatasetKind) -> LabelStats {
        LabelStats(jsonLines: text, isDetection: kind == .detection)
    }

    static func resource(_ json: JSONValue) -> BackendResource {
        BackendResource(json: json, id: id(of: json), displayName: json["displayName"]?.stringValue ?? "")
    }
}
