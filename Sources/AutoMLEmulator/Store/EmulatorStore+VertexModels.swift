import AutoMLWire
import Foundation
import GRDB

/// A Vertex AI model row with what the service needs besides its JSON.
struct StoredVertexModel: Sendable {
    var id: String
    var seq: Int64
    var datasetID: String
    var domain: Domain
    /// The sorted label names the model was trained on.
    var labelSet: [String]
    var artifactPath: String?
    var model: VertexModel
}

extension EmulatorStore {
    func vertexModel(_ id: String, in parent: Parent) async throws -> StoredVertexModel? {
        try await read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM model WHERE id = ? AND project = ? AND location = ? AND api = 'vertex'",
                arguments: [id, parent.project, parent.location]
            ).map(Self.storedVertexModel)
        }
    }

    func vertexModels(in parent: Parent, page: PageRead<StoredVertexModel>) async throws -> [StoredVertexModel] {
        try await pageRows(
            "SELECT * FROM model WHERE project = ? AND location = ? AND api = 'vertex' AND seq > ? ORDER BY seq",
            arguments: [parent.project, parent.location], page: page, decode: Self.storedVertexModel)
    }

    /// Reads, changes and writes back a Vertex AI model in one transaction; nil when it is gone.
    func updateVertexModel(_ id: String, _ change: @Sendable @escaping (inout VertexModel) throws -> Void) async throws
        -> VertexModel?
    {
        try await write { db in try Self.updateVertexModel(db, id, change) }
    }

    static func updateVertexModel(_ db: Database, _ id: String, _ change: (inout VertexModel) throws -> Void) throws
        -> VertexModel?
    {
        guard
            let text = try String.fetchOne(
                db, sql: "SELECT json FROM model WHERE id = ? AND api = 'vertex'", arguments: [id])
        else { return nil }
        var model = try VertexModel.fromStored(text)
        try change(&model)
        try db.execute(sql: "UPDATE model SET json = ? WHERE id = ?", arguments: [model.storedJSON, id])
        return model
    }

    /// The evaluations of a model (this backend makes one), with their creation order.
    func vertexEvaluations(ofModel modelID: String) async throws -> [(id: String, seq: Int64, json: String)] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, seq, json FROM model_evaluation WHERE model_id = ? ORDER BY seq",
                arguments: [modelID]
            ).map { ($0["id"], $0["seq"], $0["json"]) }
        }
    }

    /// The slices of an evaluation (one per label), with their creation order.
    func vertexSlices(ofEvaluation evaluationID: String) async throws -> [(id: String, seq: Int64, json: String)] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, seq, json FROM vertex_evaluation_slice WHERE evaluation_id = ? ORDER BY seq",
                arguments: [evaluationID]
            ).map { ($0["id"], $0["seq"], $0["json"]) }
        }
    }

    private static func storedVertexModel(_ row: Row) throws -> StoredVertexModel {
        let labels = (try? JSONDecoder().decode([String].self, from: Data((row["label_set"] as String).utf8))) ?? []
        return StoredVertexModel(
            id: row["id"], seq: row["seq"], datasetID: row["dataset_id"],
            domain: Domain(rawValue: row["domain"] as String) ?? .classification, labelSet: labels,
            artifactPath: row["artifact_path"], model: try VertexModel.fromStored(row["json"]))
    }
}

extension EmulatorStore {
    /// A Vertex AI operation of the parent, under the given owner (`datasets/123`, or "" at the location); nil when
    /// there is none.
    func vertexOperation(_ id: String, owner: String, in parent: Parent) async throws -> StoredOperation? {
        try await read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT * FROM operation WHERE id = ? AND project = ? AND location = ? AND api = 'vertex' AND owner = ?",
                arguments: [id, parent.project, parent.location, owner]
            ).map(Self.storedOperation)
        }
    }

    /// One page of the Vertex AI operations of a location (every owner's when `owner` is nil).
    func vertexOperations(owner: String?, in parent: Parent, page: PageRead<StoredOperation>) async throws
        -> [StoredOperation]
    {
        if let owner {
            return try await pageRows(
                "SELECT * FROM operation WHERE project = ? AND location = ? AND api = 'vertex' AND owner = ? AND seq > ? ORDER BY seq",
                arguments: [parent.project, parent.location, owner], page: page, decode: Self.storedOperation)
        }
        return try await pageRows(
            "SELECT * FROM operation WHERE project = ? AND location = ? AND api = 'vertex' AND seq > ? ORDER BY seq",
            arguments: [parent.project, parent.location], page: page, decode: Self.storedOperation)
    }
}
