import AutoMLWire
import Foundation
import GRDB

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
