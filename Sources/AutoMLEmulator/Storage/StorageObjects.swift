import AutoMLWire
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Cloud Storage objects as the files under the `gs://` root (`ROOT/BUCKET/NAME`), the same files imports and
/// exports use, with their metadata (generation, checksums, content type) in the store. A file put there by other
/// means (demo data, a copy by hand) is an object too: its metadata is computed the first time it is asked for, and
/// again whenever the file has changed since.
struct StorageObjects: Sendable {
    let mapper: GCSPathMapper
    let store: EmulatorStore
    let clock: any EmulatorClock

    /// Files being written start with this and are left out of listings; object names may not.
    static let temporaryPrefix = ".automl-upload-"

    // MARK: Buckets

    /// A bucket is a folder under the root.
    func bucketExists(_ bucket: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: bucketFolder(bucket).path, isDirectory: &isFolder)
            && isFolder.boolValue
    }

    /// Creates a bucket's folder; false when it exists.
    func createBucket(_ bucket: String) throws -> Bool {
        if bucketExists(bucket) { return false }
        do {
            try FileManager.default.createDirectory(at: bucketFolder(bucket), withIntermediateDirectories: true)
        } catch {
            throw StorageError(status: 500, reason: "internalError", message: "cannot create the bucket: \(error)")
        }
        return true
    }

    private func bucketFolder(_ bucket: String) -> URL {
        mapper.root.appendingPathComponent(bucket, isDirectory: true)
    }

    // MARK: Objects

    /// An object's metadata, or nil when there is no such object.
    func metadata(bucket: String, name: String) async throws -> StoredObjectMetadata? {
        let file = try readableFile(bucket: bucket, name: name)
        guard let info = Self.fileInfo(file.path), !info.isFolder else { return nil }
        if let stored = try await store.objectMetadata(bucket: bucket, name: name), stored.size == info.size,
            stored.mtimeNanoseconds == info.mtime
        {
            return stored
        }
        return try await describe(file, bucket: bucket, name: name, info: info, contentType: nil)
    }

    /// Stores `data` as the object (replacing it), written to a temporary file first, then renamed into place.
    func write(bucket: String, name: String, data: Data, contentType: String) async throws -> StoredObjectMetadata {
        let target = try writableFile(bucket: bucket, name: name)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(Self.temporaryPrefix + UUID().uuidString)
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw StorageError(status: 500, reason: "internalError", message: "cannot write \(name)")
        }
        return try await place(temporary, at: target, bucket: bucket, name: name, contentType: contentType)
    }

    /// Moves a finished file (a resumable upload's) into place as the object.
    func place(_ file: URL, at target: URL? = nil, bucket: String, name: String, contentType: String) async throws
        -> StoredObjectMetadata
    {
        let target = try target ?? writableFile(bucket: bucket, name: name)
        if let info = Self.fileInfo(target.path), info.isFolder {
            unlink(file.path)
            throw StorageError.conflict(
                "'\(name)' is a folder of other objects here (\(name)/…); the local backend keeps objects as files, "
                    + "so it cannot also be an object.")
        }
        guard rename(file.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(file.path)
            throw StorageError.conflict("cannot store '\(name)': \(reason)")
        }
        guard let info = Self.fileInfo(target.path) else {
            throw StorageError(status: 500, reason: "internalError", message: "'\(name)' vanished once written")
        }
        let previous = try await store.objectMetadata(bucket: bucket, name: name)
        return try await describe(
            target, bucket: bucket, name: name, info: info, contentType: contentType,
            after: previous?.generation)
    }

    /// The object's bytes, all of them or a range.
    func read(bucket: String, name: String, range: Range<Int64>? = nil) throws -> Data {
        let file = try readableFile(bucket: bucket, name: name)
        guard let handle = FileHandle(forReadingAtPath: file.path) else {
            throw StorageError.notFound("No such object: \(bucket)/\(name)")
        }
        defer { try? handle.close() }
        if let range {
            try handle.seek(toOffset: UInt64(range.lowerBound))
            return try handle.read(upToCount: Int(range.upperBound - range.lowerBound)) ?? Data()
        }
        return try handle.readToEnd() ?? Data()
    }

    /// Deletes an object; false when there was none. Folders left empty are removed too (up to the bucket).
    func delete(bucket: String, name: String) async throws -> Bool {
        let file = try readableFile(bucket: bucket, name: name)
        guard let info = Self.fileInfo(file.path), !info.isFolder, unlink(file.path) == 0 else { return false }
        try await store.deleteObjectMetadata(bucket: bucket, name: name)
        var folder = file.deletingLastPathComponent()
        let top = bucketFolder(bucket).standardizedFileURL.path
        while folder.standardizedFileURL.path.count > top.count, rmdir(folder.path) == 0 {
            folder = folder.deletingLastPathComponent()
        }
        return true
    }

    /// The names of a bucket's objects that start with `prefix`, in byte order of their UTF-8 names.
    func names(bucket: String, prefix: String) throws -> [String] {
        let root = bucketFolder(bucket).standardizedFileURL.path
        // Walk only the folder the prefix is in.
        let folderPart = prefix.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(
            separator: "/")
        var names: [String] = []
        // The folder the prefix is in must really be inside the bucket (no link leading out on the way).
        if !folderPart.isEmpty {
            do {
                _ = try mapper.resolveForReading("gs://\(bucket)/\(folderPart)")
            } catch let error as GCSPathError {
                throw StorageError.invalid("Invalid prefix '\(prefix)': \(error.detail).")
            }
        }
        walk(root + (folderPart.isEmpty ? "" : "/" + folderPart), relative: folderPart, into: &names)
        return names.filter { $0.hasPrefix(prefix) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Collects the files below `path`. A linked folder is not entered (a link to its own folder would make the
    /// walk endless, and one leading outside the root would list what is not the bucket's), and the walk stops at a
    /// depth no object name reaches (1,024 bytes hold at most 512 segments).
    private func walk(_ path: String, relative: String, depth: Int = 0, into names: inout [String]) {
        guard depth < 512, let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for entry in entries where !entry.hasPrefix(Self.temporaryPrefix) {
            let full = path + "/" + entry
            let name = relative.isEmpty ? entry : relative + "/" + entry
            guard let info = Self.fileInfo(full) else { continue }
            if info.isFolder {
                if !Self.isLink(full) { walk(full, relative: name, depth: depth + 1, into: &names) }
            } else {
                names.append(name)
            }
        }
    }

    /// Whether the entry at `path` is a symbolic link.
    static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    // MARK: Metadata

    /// Computes and stores the metadata of a file (written now, or changed since it was last described): its
    /// checksums read from it, a generation newer than any before.
    private func describe(
        _ file: URL, bucket: String, name: String, info: FileInfo, contentType: String?,
        after previousGeneration: Int64? = nil
    ) async throws -> StoredObjectMetadata {
        let (md5, crc32c) = try Self.checksums(of: file)
        let now = clock.now()
        let stored = try await store.objectMetadata(bucket: bucket, name: name)
        let newest = max(previousGeneration ?? 0, stored?.generation ?? 0)
        let metadata = StoredObjectMetadata(
            bucket: bucket, name: name, generation: max(Int64(now.timeIntervalSince1970 * 1_000_000), newest + 1),
            size: info.size, mtimeNanoseconds: info.mtime, md5: md5, crc32c: crc32c,
            contentType: contentType ?? stored?.contentType ?? Self.contentType(forName: name),
            created: Timestamp(now).description)
        try await store.saveObjectMetadata(metadata)
        return metadata
    }

    /// MD5 and CRC32C of a file, in base64, read in 1 MiB pieces.
    static func checksums(of file: URL) throws -> (md5: String, crc32c: String) {
        guard let handle = FileHandle(forReadingAtPath: file.path) else {
            throw StorageError(status: 500, reason: "internalError", message: "cannot read \(file.lastPathComponent)")
        }
        defer { try? handle.close() }
        var md5 = MD5()
        var crc = CRC32C()
        while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty {
            piece.withUnsafeBytes {
                md5.update($0)
                crc.update($0)
            }
        }
        return (md5.base64, crc.base64)
    }

    /// A content type from the name's extension, for files that came without one.
    static func contentType(forName name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "jpg", "jpeg": "image/jpeg"
        case "png": "image/png"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "bmp": "image/bmp"
        case "tif", "tiff": "image/tiff"
        case "csv": "text/csv"
        case "txt": "text/plain"
        case "json", "jsonl": "application/json"
        default: "application/octet-stream"
        }
    }

    // MARK: Files

    private func readableFile(bucket: String, name: String) throws -> URL {
        do {
            return try mapper.resolveForReading("gs://\(bucket)/\(name)")
        } catch let error as GCSPathError {
            throw StorageError.invalid("Invalid object name '\(name)': \(error.detail).")
        }
    }

    private func writableFile(bucket: String, name: String) throws -> URL {
        do {
            return try mapper.resolveForWriting("gs://\(bucket)/\(name)")
        } catch let error as GCSPathError {
            throw error.reason == .cannotCreateDirectory
                ? StorageError.conflict(
                    "cannot store '\(name)': a part of its path is an object here (\(error.detail))")
                : StorageError.invalid("Invalid object name '\(name)': \(error.detail).")
        }
    }

    struct FileInfo {
        var size: Int64
        var mtime: Int64
        var isFolder: Bool
    }

    static func fileInfo(_ path: String) -> FileInfo? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileInfo(
            size: Int64(info.st_size), mtime: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            isFolder: (info.st_mode & S_IFMT) == S_IFDIR)
    }
}
