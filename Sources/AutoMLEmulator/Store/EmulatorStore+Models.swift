import AutoMLWire
import Foundation
import GRDB

/// A model's columns and its stored JSON, unread: enough to filter and list it.
struct StoredModelRow: Sendable {
    var id: String
    var seq: Int64
    var datasetID: String
    var domain: Domain
    var json: String
}

/// A model row with what the service layer needs besides its JSON.
struct StoredModel: Sendable {
    var id: String
    var seq: Int64
    var domain: Domain
    /// The sorted label names the model was trained on.
    var labelSet: [String]
    var artifactPath: String?
    var model: Model
}

extension EmulatorStore {
    /// Reserves a model ID before training starts, so the operation can name it.
    func reserveModelID(domain: Domain) async throws -> String {
        try await write { db in try Self.issueID(db, prefix: domain.idPrefix) }
    }

    /// A model of the parent; nil when there is none.
    func model(_ id: String, in parent: Parent) async throws -> StoredModel? {
        try await read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM model WHERE id = ? AND project = ? AND location = ? AND api = 'automl'",
                arguments: [id, parent.project, parent.location]
            ).map(Self.storedModel)
        }
    }

    /// Every model of the parent in creation order.
    func models(in parent: Parent) async throws -> [StoredModel] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM model WHERE project = ? AND location = ? AND api = 'automl' ORDER BY seq",
                arguments: [parent.project, parent.location]
            ).map(Self.storedModel)
        }
    }

    /// One page of a location's model rows (see ``PageRead``).
    func modelRows(in parent: Parent, page: PageRead<StoredModelRow>) async throws -> [StoredModelRow] {
        try await pageRows(
            "SELECT id, seq, dataset_id, domain, json FROM model WHERE project = ? AND location = ? AND api = 'automl' "
                + "AND seq > ? "
                + "ORDER BY seq", arguments: [parent.project, parent.location], page: page
        ) { row in
            StoredModelRow(
                id: row["id"], seq: row["seq"], datasetID: row["dataset_id"],
                domain: Domain(rawValue: row["domain"]) ?? .classification, json: row["json"])
        }
    }

    /// Reads, changes and writes back a model in one transaction; returns the changed model, or nil when
    /// the model is gone.
    func updateModel(_ id: String, _ change: @Sendable @escaping (inout Model) -> Void) async throws -> Model? {
        try await write { db in
            guard let text = try String.fetchOne(db, sql: "SELECT json FROM model WHERE id = ?", arguments: [id]) else {
                return nil
            }
            var model = try Model.fromStored(text)
            change(&model)
            try db.execute(sql: "UPDATE model SET json = ? WHERE id = ?", arguments: [model.storedJSON, id])
            return model
        }
    }

    /// Deletes a model and its evaluations; false when it was already gone.
    func deleteModel(_ id: String) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM model WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    /// The evaluations of a model in creation order (the overall one first).
    func evaluations(ofModel modelID: String) async throws -> [(id: String, seq: Int64, evaluation: ModelEvaluation)] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, seq, json FROM model_evaluation WHERE model_id = ? ORDER BY seq",
                arguments: [modelID]
            ).map { row in
                (row["id"], row["seq"], try ModelEvaluation.fromStored(row["json"]))
            }
        }
    }

    private static func storedModel(_ row: Row) throws -> StoredModel {
        let labels = (try? JSONDecoder().decode([String].self, from: Data((row["label_set"] as String).utf8))) ?? []
        let domainText: String = row["domain"]
        return StoredModel(
            id: row["id"], seq: row["seq"], domain: Domain(rawValue: domainText) ?? .classification,
            labelSet: labels, artifactPath: row["artifact_path"], model: try Model.fromStored(row["json"]))
    }
}

extension JSONValue {
    /// Compact JSON text, for a store column.
    var storedText: String { String(decoding: encodedData(), as: UTF8.self) }
}
