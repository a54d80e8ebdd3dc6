import GRDB

/// What the local backend keeps about a Cloud Storage object besides its bytes (the file under the gs:// root).
struct StoredObjectMetadata: Sendable, Hashable {
    var bucket: String
    var name: String
    var generation: Int64
    var size: Int64
    /// The file's modification time in nanoseconds when the row was written.
    var mtimeNanoseconds: Int64
    var md5: String
    var crc32c: String
    var contentType: String
    /// RFC 3339, ending in `Z`.
    var created: String
}

extension EmulatorStore {
    func objectMetadata(bucket: String, name: String) async throws -> StoredObjectMetadata? {
        try await read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM storage_object WHERE bucket = ? AND name = ?", arguments: [bucket, name]
            ).map(Self.storedObject)
        }
    }

    /// The metadata rows of a bucket whose names start with `prefix`, by name.
    func objectMetadata(bucket: String, prefix: String) async throws -> [String: StoredObjectMetadata] {
        try await read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM storage_object WHERE bucket = ? AND substr(name, 1, ?) = ?",
                arguments: [bucket, prefix.utf8.count, prefix])
            return Dictionary(rows.map(Self.storedObject).map { ($0.name, $0) }) { first, _ in first }
        }
    }

    func saveObjectMetadata(_ metadata: StoredObjectMetadata) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO storage_object
                    (bucket, name, generation, size, mtime_ns, md5, crc32c, content_type, created)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    metadata.bucket, metadata.name, metadata.generation, metadata.size, metadata.mtimeNanoseconds,
                    metadata.md5, metadata.crc32c, metadata.contentType, metadata.created,
                ])
        }
    }

    func deleteObjectMetadata(bucket: String, name: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM storage_object WHERE bucket = ? AND name = ?", arguments: [bucket, name])
        }
    }

    private static func storedObject(_ row: Row) -> StoredObjectMetadata {
        StoredObjectMetadata(
            bucket: row["bucket"], name: row["name"], generation: row["generation"], size: row["size"],
            mtimeNanoseconds: row["mtime_ns"], md5: row["md5"], crc32c: row["crc32c"],
            contentType: row["content_type"], created: row["created"])
    }
}

extension EmulatorStore {
    /// The project a bucket was created for; nil for a bucket made by hand or without a project.
    func bucketOwner(_ bucket: String) async throws -> String? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT project FROM storage_bucket WHERE name = ?", arguments: [bucket])
        }
    }

    /// Records the project a bucket was created for.
    func setBucketOwner(_ bucket: String, project: String) async throws {
        try await write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO storage_bucket (name, project) VALUES (?, ?)",
                arguments: [bucket, project])
        }
    }

    /// The buckets created for a project.
    func buckets(ownedBy project: String) async throws -> Set<String> {
        try await read { db in
            Set(try String.fetchAll(db, sql: "SELECT name FROM storage_bucket WHERE project = ?", arguments: [project]))
        }
    }
}
