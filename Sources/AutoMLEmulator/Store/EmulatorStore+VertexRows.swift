import AutoMLWire
import Foundation
import GRDB

/// A Vertex AI table whose rows are a resource's JSON under a project and location.
enum VertexTable: String, Sendable {
    case trainingPipeline = "training_pipeline"
    case endpoint = "vertex_endpoint"
}

/// One row of a ``VertexTable``: the resource's stored JSON, unread.
struct VertexRow: Sendable {
    var id: String
    var seq: Int64
    var json: String
}

extension EmulatorStore {
    /// A row of the parent; nil when there is none.
    func vertexRow(_ table: VertexTable, _ id: String, in parent: Parent) async throws -> VertexRow? {
        try await read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, seq, json FROM \(table.rawValue) WHERE id = ? AND project = ? AND location = ?",
                arguments: [id, parent.project, parent.location]
            ).map { VertexRow(id: $0["id"], seq: $0["seq"], json: $0["json"]) }
        }
    }

    /// One page of a location's rows (see ``PageRead``), each decoded before the page's filter sees it.
    func vertexRows<Item: Sendable>(
        _ table: VertexTable, in parent: Parent, page: PageRead<Item>,
        decode: @Sendable @escaping (VertexRow) throws -> Item
    ) async throws -> [Item] {
        try await pageRows(
            "SELECT id, seq, json FROM \(table.rawValue) WHERE project = ? AND location = ? AND seq > ? ORDER BY seq",
            arguments: [parent.project, parent.location], page: page
        ) { try decode(VertexRow(id: $0["id"], seq: $0["seq"], json: $0["json"])) }
    }

    /// Inserts a row with a new decimal ID; `json` makes the stored JSON from the ID.
    func insertVertexRow(_ table: VertexTable, in parent: Parent, json: @Sendable @escaping (String) throws -> String)
        async throws -> VertexRow
    {
        try await write { db in
            try Self.insertVertexRow(db, table, id: try Self.issueID(db, prefix: ""), in: parent, json: json)
        }
    }

    /// Inserts a row with a given ID, which must be new (an `endpointId` the client chose).
    func insertVertexRow(
        _ table: VertexTable, id: String, in parent: Parent, json: @Sendable @escaping (String) throws -> String
    ) async throws -> VertexRow? {
        try await write { db in
            guard try String.fetchOne(db, sql: "SELECT id FROM issued_id WHERE id = ?", arguments: [id]) == nil else {
                return nil
            }
            try db.execute(sql: "INSERT INTO issued_id (id) VALUES (?)", arguments: [id])
            return try Self.insertVertexRow(db, table, id: id, in: parent, json: json)
        }
    }

    static func insertVertexRow(
        _ db: Database, _ table: VertexTable, id: String, in parent: Parent, json: (String) throws -> String,
        extra: [String: (any DatabaseValueConvertible)?] = [:]
    ) throws -> VertexRow {
        let text = try json(id)
        let seq = try nextSeq(db, table: table.rawValue)
        let columns = ["id", "project", "location", "seq", "json"] + extra.keys.sorted()
        let values: [(any DatabaseValueConvertible)?] =
            [id, parent.project, parent.location, seq, text] + extra.keys.sorted().map { extra[$0] ?? nil }
        try db.execute(
            sql: "INSERT INTO \(table.rawValue) (\(columns.joined(separator: ", "))) VALUES ("
                + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")",
            arguments: StatementArguments(values))
        return VertexRow(id: id, seq: seq, json: text)
    }

    /// Reads, changes and writes back a row's JSON in one transaction; nil when the row is gone. `change` may throw
    /// to refuse the change (nothing is written).
    func updateVertexRow(_ table: VertexTable, _ id: String, _ change: @Sendable @escaping (String) throws -> String)
        async throws -> String?
    {
        try await write { db in try Self.updateVertexRow(db, table, id, change) }
    }

    static func updateVertexRow(_ db: Database, _ table: VertexTable, _ id: String, _ change: (String) throws -> String)
        throws -> String?
    {
        guard
            let text = try String.fetchOne(db, sql: "SELECT json FROM \(table.rawValue) WHERE id = ?", arguments: [id])
        else { return nil }
        let changed = try change(text)
        try db.execute(sql: "UPDATE \(table.rawValue) SET json = ? WHERE id = ?", arguments: [changed, id])
        return changed
    }
}
