import AutoMLWire
import Foundation
import GRDB

/// What a Vertex AI dataset's images are annotated with, fixed by its first import (this backend keeps one kind per
/// dataset; Google's service lets one dataset hold several).
enum VertexAnnotationKind: String, Sendable, Codable {
    case singleLabel = "single-label"
    case multiLabel = "multi-label"
    case boundingBox = "bounding-box"

    /// The kind an import schema URI stands for; nil for a schema this backend does not import.
    init?(importSchemaURI: String) {
        switch importSchemaURI {
        case VertexSchema.Import.singleLabel: self = .singleLabel
        case VertexSchema.Import.multiLabel: self = .multiLabel
        case VertexSchema.Import.boundingBox: self = .boundingBox
        default: return nil
        }
    }

    var domain: Domain { self == .boundingBox ? .detection : .classification }
}

/// A Vertex AI dataset row with its live item count.
struct StoredVertexDataset: Sendable {
    var id: String
    var seq: Int64
    var kind: VertexAnnotationKind?
    var dataset: VertexDataset
}

extension EmulatorStore {
    /// Creates a Vertex AI dataset with a new decimal ID; `finish` completes its JSON from the ID.
    func createVertexDataset(in parent: Parent, _ finish: @Sendable @escaping (String) -> VertexDataset) async throws
        -> VertexDataset
    {
        try await write { db in
            let id = try Self.issueID(db, prefix: "")
            let dataset = finish(id)
            try db.execute(
                sql:
                    "INSERT INTO dataset (id, project, location, seq, domain, json, api) VALUES (?, ?, ?, ?, ?, ?, 'vertex')",
                arguments: [
                    id, parent.project, parent.location, try Self.nextSeq(db, table: "dataset"),
                    Domain.classification.rawValue, dataset.storedJSON,
                ])
            return dataset
        }
    }

    func vertexDataset(_ id: String, in parent: Parent) async throws -> StoredVertexDataset? {
        try await read { db in
            try Row.fetchOne(
                db,
                sql: Self.vertexDatasetColumns
                    + " WHERE d.id = ? AND d.project = ? AND d.location = ? AND d.api = 'vertex'",
                arguments: [id, parent.project, parent.location]
            ).map(Self.storedVertexDataset)
        }
    }

    func vertexDatasets(in parent: Parent, page: PageRead<StoredVertexDataset>) async throws -> [StoredVertexDataset] {
        try await pageRows(
            Self.vertexDatasetColumns
                + " WHERE d.project = ? AND d.location = ? AND d.api = 'vertex' AND d.seq > ? ORDER BY d.seq",
            arguments: [parent.project, parent.location], page: page, decode: Self.storedVertexDataset)
    }

    /// Adds a Vertex AI import's images (see ``addExamples(_:toDataset:multiLabel:)``) and, when the dataset had no
    /// kind yet and at least one image went in, fixes its annotation kind — in one transaction. Throws
    /// ``AnnotationKindConflict`` (and adds nothing) when the dataset holds another kind.
    func addVertexExamples(_ examples: [NewExample], toDataset id: String, kind: VertexAnnotationKind) async throws
        -> [String: String]
    {
        try await write { db in
            let current = try String.fetchOne(db, sql: "SELECT import_kind FROM dataset WHERE id = ?", arguments: [id])
                .flatMap(VertexAnnotationKind.init(rawValue:))
            if let current, current != kind { throw AnnotationKindConflict(held: current) }
            let refused = try Self.insertExamples(db, examples, datasetID: id, multiLabel: kind == .multiLabel)
            if current == nil, examples.count > refused.count {
                try db.execute(
                    sql: "UPDATE dataset SET import_kind = ?, domain = ? WHERE id = ?",
                    arguments: [kind.rawValue, kind.domain.rawValue, id])
            }
            return refused
        }
    }

    private static let vertexDatasetColumns = """
        SELECT d.id, d.seq, d.import_kind, d.json, (SELECT COUNT(*) FROM example e WHERE e.dataset_id = d.id) AS examples
        FROM dataset d
        """

    private static func storedVertexDataset(_ row: Row) throws -> StoredVertexDataset {
        var dataset = try VertexDataset.fromStored(row["json"])
        dataset.dataItemCount = row["examples"] as Int64? ?? 0
        return StoredVertexDataset(
            id: row["id"], seq: row["seq"],
            kind: (row["import_kind"] as String?).flatMap(VertexAnnotationKind.init(rawValue:)),
            dataset: dataset)
    }
}

/// A Vertex AI dataset holds annotations of another kind than an import brings.
struct AnnotationKindConflict: Error {
    var held: VertexAnnotationKind
}
