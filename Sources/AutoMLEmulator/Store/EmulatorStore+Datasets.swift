import AutoMLWire
import Foundation
import GRDB

/// A dataset row with what the service layer needs besides its JSON.
struct StoredDataset: Sendable {
    var id: String
    var seq: Int64
    var domain: Domain
    var dataset: Dataset
}

extension EmulatorStore {
    /// Creates a dataset with a new ID; returns it with `name` and `createTime` set.
    func createDataset(_ dataset: Dataset, in parent: Parent, domain: Domain, now: Date) async throws -> Dataset {
        try await write { db in
            let id = try Self.issueID(db, prefix: domain.idPrefix)
            var created = dataset
            created.name = "\(parent)/datasets/\(id)"
            created.createTime = Timestamp(now)
            created.exampleCount = 0
            created.etag = UUID().uuidString
            try db.execute(
                sql: """
                    INSERT INTO dataset (id, project, location, seq, domain, json) VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, parent.project, parent.location, try Self.nextSeq(db, table: "dataset"),
                    domain.rawValue, created.storedJSON,
                ])
            return created
        }
    }

    /// A dataset of the parent, with its live example count; nil when there is none.
    func dataset(_ id: String, in parent: Parent) async throws -> StoredDataset? {
        try await read { db in try Self.dataset(db, id: id, parent: parent) }
    }

    static func dataset(_ db: Database, id: String, parent: Parent) throws -> StoredDataset? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT d.id, d.seq, d.domain, d.json, (SELECT COUNT(*) FROM example e WHERE e.dataset_id = d.id) AS examples
                    FROM dataset d WHERE d.id = ? AND d.project = ? AND d.location = ? AND d.api = 'automl'
                    """, arguments: [id, parent.project, parent.location])
        else { return nil }
        return try storedDataset(row)
    }

    /// One page of a location's datasets (see ``PageRead``).
    func datasets(in parent: Parent, page: PageRead<StoredDataset>) async throws -> [StoredDataset] {
        try await pageRows(
            """
            SELECT d.id, d.seq, d.domain, d.json,
                   (SELECT COUNT(*) FROM example e WHERE e.dataset_id = d.id) AS examples
            FROM dataset d WHERE d.project = ? AND d.location = ? AND d.api = 'automl' AND d.seq > ? ORDER BY d.seq
            """, arguments: [parent.project, parent.location], page: page, decode: Self.storedDataset)
    }

    /// Replaces a dataset's JSON (an update); the caller has merged the fields.
    func replaceDataset(_ dataset: Dataset, id: String) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE dataset SET json = ? WHERE id = ?", arguments: [dataset.storedJSON, id])
        }
    }

    /// Deletes a dataset with its specs, examples and annotations; false when it was already gone.
    func deleteDataset(_ id: String) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM dataset WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    private static func storedDataset(_ row: Row) throws -> StoredDataset {
        var dataset = try Dataset.fromStored(row["json"])
        dataset.exampleCount = Int32(clamping: row["examples"] as Int64? ?? 0)
        let domainText: String = row["domain"]
        return StoredDataset(
            id: row["id"], seq: row["seq"], domain: Domain(rawValue: domainText) ?? .classification,
            dataset: dataset)
    }
}
