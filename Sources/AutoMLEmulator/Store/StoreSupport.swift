import AutoMLWire
import Foundation
import GRDB

/// A project and location: the parent every dataset, model and operation lives in. Requests for one
/// parent never see another's resources.
struct Parent: Sendable, Hashable, CustomStringConvertible {
    var project: String
    var location: String

    var description: String { "projects/\(project)/locations/\(location)" }
}

/// The problem a dataset or model solves; it picks ID prefixes and metadata members.
enum Domain: String, Sendable, Codable {
    case classification = "ic"
    case detection = "iod"

    /// The ID prefix the service uses: `ICN` or `IOD`.
    var idPrefix: String { self == .classification ? "ICN" : "IOD" }
}

extension ProtoMessage {
    /// The canonical JSON text, for a store column.
    var storedJSON: String { String(decoding: jsonData(), as: UTF8.self) }

    /// Reads a message from a store column. The store only holds JSON it wrote, so a failure here is
    /// corruption, reported as such.
    static func fromStored(_ text: String) throws -> Self {
        do {
            return try Self(jsonData: Data(text.utf8))
        } catch {
            throw StoreCorruption("a stored \(protoMessageName) does not read back: \(error)")
        }
    }
}

/// The database holds something this version cannot read.
struct StoreCorruption: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension EmulatorStore {
    /// Hands out a new ID such as `ICN1234567890123456789` (or bare digits with an empty prefix), never
    /// one handed out before, even for a resource since deleted.
    static func issueID(_ db: Database, prefix: String) throws -> String {
        var generator = SystemRandomNumberGenerator()
        while true {
            let digits = String(
                UInt64.random(
                    in: 1_000_000_000_000_000_000...9_223_372_036_854_775_807,
                    using: &generator))
            let id = prefix + digits
            if try String.fetchOne(db, sql: "SELECT id FROM issued_id WHERE id = ?", arguments: [id]) == nil {
                try db.execute(sql: "INSERT INTO issued_id (id) VALUES (?)", arguments: [id])
                return id
            }
        }
    }

    /// The next position in a table's creation order.
    static func nextSeq(_ db: Database, table: String) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM \(table)") ?? 1
    }
}
