import AutoMLWire
import Foundation
import GRDB

extension EmulatorStore {
    /// The training log of an operation (a v1 CreateModel or a Vertex AI pipeline's hidden operation); nil before
    /// its first epoch, and for operations that train nothing.
    func trainingLog(ofOperation id: String) async throws -> TrainingLog? {
        let text = try await read { db in
            try String.fetchOne(db, sql: "SELECT json FROM training_log WHERE operation_id = ?", arguments: [id])
        }
        return try text.map { try JSONDecoder().decode(TrainingLog.self, from: Data($0.utf8)) }
    }

    /// Replaces an operation's training log (nothing happens when the operation is gone).
    func saveTrainingLog(_ log: TrainingLog, ofOperation id: String) async throws {
        let text = String(decoding: try JSONEncoder().encode(log), as: UTF8.self)
        try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM operation WHERE id = ?", arguments: [id]) != nil else {
                return
            }
            try db.execute(
                sql: "INSERT INTO training_log (operation_id, json) VALUES (?, ?) "
                    + "ON CONFLICT(operation_id) DO UPDATE SET json = excluded.json",
                arguments: [id, text])
        }
    }
}
