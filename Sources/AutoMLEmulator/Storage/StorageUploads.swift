import Foundation
import Synchronization

/// Resumable upload sessions: the bytes received so far in `DATA/storage-uploads/ID.part`, what the session is for in
/// `ID.json`, so a session outlives a restart of the server as Cloud Storage's do (a week there; until finished or
/// cancelled here).
final class StorageUploads: Sendable {
    /// What a session uploads.
    struct Session: Codable, Sendable {
        var bucket: String
        var name: String
        var contentType: String
        /// The object's size when the client said it (`X-Upload-Content-Length`, or a `Content-Range` total).
        var total: Int64?
    }

    /// Where a `Content-Range` puts a chunk.
    enum ChunkRange: Equatable {
        /// `bytes S-E/T` or `bytes S-E/*`.
        case bytes(first: Int64, last: Int64, total: Int64?)
        /// `bytes */T`: no bytes, the total.
        case total(Int64)
        /// `bytes */*`: how far the upload is.
        case query
    }

    let folder: URL
    /// Sessions a request is working on, so that two chunks of one session never interleave.
    private let busy = Mutex<Set<String>>([])

    init(folder: URL) {
        self.folder = folder
    }

    func start(_ session: Session) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let id = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let data = try JSONEncoder().encode(session)
        guard FileManager.default.createFile(atPath: file(id, "json").path, contents: data),
            FileManager.default.createFile(atPath: file(id, "part").path, contents: Data())
        else { throw StorageError(status: 500, reason: "internalError", message: "cannot start the upload session") }
        return id
    }

    /// The session and how many bytes it has, or a 404 for an unknown or finished one.
    func session(_ id: String) throws -> (session: Session, received: Int64) {
        guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }), !id.isEmpty,
            let data = FileManager.default.contents(atPath: file(id, "json").path),
            let session = try? JSONDecoder().decode(Session.self, from: data),
            let info = StorageObjects.fileInfo(file(id, "part").path)
        else { throw StorageError.notFound("No such upload session (it finished, was cancelled, or never existed).") }
        return (session, info.size)
    }

    /// Runs `body` with the session reserved for this request.
    func withSession<T>(_ id: String, _ body: () async throws -> T) async throws -> T {
        let taken = busy.withLock { $0.insert(id).inserted }
        guard taken else {
            throw StorageError(status: 409, reason: "conflict", message: "another request is writing this upload")
        }
        defer { _ = busy.withLock { $0.remove(id) } }
        return try await body()
    }

    /// Adds a chunk; bytes the session already has (a chunk sent again after a lost answer) are skipped. Returns how
    /// many bytes the session has now.
    func append(_ id: String, _ data: Data, first: Int64, received: Int64) throws -> Int64 {
        guard first <= received else {
            throw StorageError.invalid(
                "The chunk starts at byte \(first), but the upload has \(received) bytes: a gap.")
        }
        let skip = Int(min(Int64(data.count), received - first))
        guard skip < data.count else { return received }
        guard let handle = FileHandle(forWritingAtPath: file(id, "part").path) else {
            throw StorageError(status: 500, reason: "internalError", message: "cannot write the upload")
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: data[data.startIndex + skip..<data.endIndex])
        return received + Int64(data.count - skip)
    }

    /// Records the object's size once the client says it.
    func setTotal(_ id: String, _ total: Int64, session: Session) throws {
        var updated = session
        updated.total = total
        try JSONEncoder().encode(updated).write(to: file(id, "json"))
    }

    /// The finished upload's file, to be moved into place; the session is gone afterwards.
    func finish(_ id: String) -> URL {
        unlink(file(id, "json").path)
        return file(id, "part")
    }

    /// Forgets a session and its bytes.
    /// Ends a session and drops what it received; false when there is no such session.
    func cancel(_ id: String) -> Bool {
        guard (try? session(id)) != nil else { return false }
        unlink(file(id, "json").path)
        unlink(file(id, "part").path)
        return true
    }

    private func file(_ id: String, _ suffix: String) -> URL {
        folder.appendingPathComponent("\(id).\(suffix)")
    }

    /// Reads `bytes S-E/T`, `bytes S-E/*`, `bytes */T` and `bytes */*`.
    /// Cloud Storage's largest object, 5 TiB.
    static let maxObjectSize: Int64 = 5 << 40

    static func parseRange(_ header: String?) throws -> ChunkRange? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        guard header.lowercased().hasPrefix("bytes ") else {
            throw StorageError.invalid("Invalid Content-Range: \(header)")
        }
        let parts = header.dropFirst(6).split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw StorageError.invalid("Invalid Content-Range: \(header)") }
        let total: Int64? = parts[1] == "*" ? nil : Int64(parts[1])
        if parts[1] != "*", total.map({ !(0...maxObjectSize).contains($0) }) ?? true {
            throw StorageError.invalid("Invalid Content-Range: \(header)")
        }
        if parts[0] == "*" { return total.map { .total($0) } ?? .query }
        let bounds = parts[0].split(separator: "-", maxSplits: 1).compactMap { Int64($0) }
        // Offsets past Cloud Storage's largest object (5 TiB) are refused before any arithmetic on them.
        guard bounds.count == 2, bounds[0] >= 0, bounds[1] >= bounds[0], bounds[1] < maxObjectSize,
            total.map({ bounds[1] < $0 }) ?? true
        else {
            throw StorageError.invalid("Invalid Content-Range: \(header)")
        }
        return .bytes(first: bounds[0], last: bounds[1], total: total)
    }
}
