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
