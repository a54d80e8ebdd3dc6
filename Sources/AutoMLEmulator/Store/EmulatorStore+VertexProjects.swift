import Foundation
import GRDB

extension EmulatorStore {
    /// The number of a project, issued (12 digits, never reused) the first time it is asked for.
    func vertexProjectNumber(of project: String) async throws -> String {
        if let known = try await read({ db in
            try String.fetchOne(db, sql: "SELECT number FROM vertex_project WHERE project = ?", arguments: [project])
        }) {
            return known
        }
        return try await write { db in
            if let known = try String.fetchOne(
                db, sql: "SELECT number FROM vertex_project WHERE project = ?", arguments: [project])
            {
                return known
            }
            var generator = SystemRandomNumberGenerator()
            while true {
                let number = String(UInt64.random(in: 100_000_000_000...999_999_999_999, using: &generator))
                guard
                    try String.fetchOne(
                        db, sql: "SELECT project FROM vertex_project WHERE number = ?", arguments: [number]) == nil
                else { continue }
                try db.execute(
                    sql: "INSERT INTO vertex_project (project, number) VALUES (?, ?)", arguments: [project, number])
                return number
            }
        }
    }

    /// The project ID a project number stands for; nil when no project has it.
    func vertexProject(withNumber number: String) async throws -> String? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT project FROM vertex_project WHERE number = ?", arguments: [number])
        }
    }
}
