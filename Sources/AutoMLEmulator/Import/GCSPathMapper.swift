import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Maps `gs://BUCKET/OBJECT/PATH` URIs to files under a root folder (`<root>/BUCKET/OBJECT/PATH`) and back.
///
/// A `gs://` URI can never name a file outside the root: ``GCSURI`` refuses `..` and `.` segments, empty and
/// absolute object paths, NUL bytes, backslashes and percent-encoded separators, and the mapper then resolves the
/// symlinks of the longest existing prefix of the target and refuses it unless its real location is inside the root's
/// real location. A dangling symlink on the way is refused too, since writing through it could create a file anywhere.
///
/// Absolute local paths (`/data/x.jpg`) and `file://` URLs are accepted only inside the folders of `localFolders` (the
/// server's `--allow-path`), checked the same way after resolving symlinks: a server must not read, and quote back,
/// any file its process can read (`/etc/passwd`, `/proc/self/environ`).
///
/// The checks and the use of the file are not atomic; the emulator owns the root, so nothing else is expected to swap
/// symlinks in between.
struct GCSPathMapper: Sendable {
    /// The root folder's path, standardized, without a trailing slash (except for `/` itself).
    let rootPath: String
    /// The folders local paths may name, standardized; empty when local paths are refused.
    let localFolders: [String]
    /// The buckets `gs://` URIs may name; nil for any (see ``EmulatorService/gcsMapper(for:)``).
    var allowedBuckets: Set<String>?

    /// Creates a mapper for the buckets under `root`, with local paths allowed inside `localFolders`.
    init(root: URL, localFolders: [URL] = []) {
        self.rootPath = GCSPathMapper.normalized(root.standardizedFileURL.path)
        self.localFolders = localFolders.map { GCSPathMapper.normalized($0.standardizedFileURL.path) }
    }

    /// Whether local paths are accepted at all (the import rows may name them).
    var allowsLocalPaths: Bool { !localFolders.isEmpty }

    /// The root folder.
    var root: URL { URL(fileURLWithPath: rootPath, isDirectory: true) }

    /// The file a URI names, for reading. The file need not exist.
    ///
    /// - Throws: ``GCSPathError`` when the URI is malformed, escapes the root, or is a local path that is not allowed.
    func resolveForReading(_ uri: String) throws -> URL {
        if uri.hasPrefix(GCSURI.scheme) {
            let gcs = try GCSURI(parsing: uri)
            try checkBucketAllowed(gcs, uri: uri)
            let path = try confinedPath(for: gcs, uri: uri)
            return URL(fileURLWithPath: path)
        }
        return try localPath(uri)
    }

    /// The file a URI names, for writing; creates the missing parent directories.
    ///
    /// For a `gs://` URI the folders are created inside the root only. A bucket-only URI (`gs://bucket/`) maps to the
    /// bucket's folder, which is useful for output prefixes. A local path, when allowed, gets its parents created too.
    /// - Throws: ``GCSPathError`` when the URI is malformed or escapes the root, or a directory cannot be created.
    func resolveForWriting(_ uri: String) throws -> URL {
        guard uri.hasPrefix(GCSURI.scheme) else {
            let url = try localPath(uri)
            try createParent(of: url.path, uri: uri)
            return url
        }
        let gcs = try GCSURI(parsing: uri, requiresObject: false)
        try checkBucketAllowed(gcs, uri: uri)
        let path = try confinedPath(for: gcs, uri: uri)
        try createParent(of: path, uri: uri)
        // Check again now that the folders exist, in case one of them is a symlink created in the meantime.
        _ = try confinedPath(for: gcs, uri: uri)
        return URL(fileURLWithPath: path)
    }

    private func checkBucketAllowed(_ gcs: GCSURI, uri: String) throws {
        guard let allowedBuckets, !allowedBuckets.contains(gcs.bucket) else { return }
        throw GCSPathError(
            .bucketNotAllowed, uri: uri,
            "the project may use only buckets created for it (bucket \"\(gcs.bucket)\" is not one)")
    }

    private func createParent(of path: String, uri: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw GCSPathError(
                .cannotCreateDirectory, uri: uri, "cannot create a folder on its way: \(FileFailure.describe(error))")
        }
    }

    /// The `gs://` URI of a file or folder under the root: the reverse of ``resolveForReading(_:)``.
    ///
    /// The root folder itself has no URI; a bucket folder maps to `gs://bucket`.
    /// - Throws: ``GCSPathError`` when the file is not under the root or its first folder is not a valid bucket name.
    func gcsURI(forFileAt url: URL) throws -> String {
        let path = GCSPathMapper.normalized(url.standardizedFileURL.path)
        let realRoot = try realLocation(of: rootPath, uri: path)
        let real = try realLocation(of: path, uri: path)
        guard let relative = GCSPathMapper.relativePath(of: real, under: realRoot), !relative.isEmpty else {
            throw GCSPathError(.escapesRoot, uri: path, "not a file under the buckets folder \(rootPath)")
        }
        let components = relative.split(separator: "/").map(String.init)
        guard let bucket = components.first, GCSURI.isValidBucketName(bucket) else {
            throw GCSPathError(
                .invalidBucket, uri: path, "the first folder under \(rootPath) is not a valid bucket name"
            )
        }
        return GCSURI(bucket: bucket, object: components.dropFirst().joined(separator: "/")).uri
    }

    // MARK: - Confinement

    /// The lexical path of a parsed URI under the root, after checking that its real location is inside the root.
    private func confinedPath(for gcs: GCSURI, uri: String) throws -> String {
        var path = rootPath == "/" ? "/\(gcs.bucket)" : "\(rootPath)/\(gcs.bucket)"
        if !gcs.object.isEmpty { path += "/\(gcs.object)" }
        let realRoot = try realLocation(of: rootPath, uri: uri)
        let real = try realLocation(of: path, uri: uri)
        guard GCSPathMapper.relativePath(of: real, under: realRoot) != nil else {
            // The real location is not quoted: answers must not show the server's folders, nor where a link points.
            throw GCSPathError(.escapesRoot, uri: uri, "a link on its way leads outside the buckets folder")
        }
        return path
    }

    /// The real path of the longest existing prefix of the absolute `path` (symlinks resolved), followed by the
    /// components that do not exist yet.
    private func realLocation(of path: String, uri: String) throws -> String {
        let components = path.split(separator: "/").map(String.init)
        var existing = components.count
        while existing > 0, !GCSPathMapper.entryExists("/" + components[..<existing].joined(separator: "/")) {
            existing -= 1
        }
        let prefix = "/" + components[..<existing].joined(separator: "/")
        guard let realPrefix = GCSPathMapper.realPath(prefix) else {
            throw GCSPathError(.unresolvable, uri: uri, "a link on its way cannot be followed")
        }
        let rest = components[existing...]
        if rest.isEmpty { return realPrefix }
        return (realPrefix == "/" ? "" : realPrefix) + "/" + rest.joined(separator: "/")
    }

    /// `path` relative to `root` when it is `root` itself (empty string) or inside it; nil otherwise.
    private static func relativePath(of path: String, under root: String) -> String? {
        if path == root { return "" }
        let prefix = root == "/" ? "/" : root + "/"
        guard path.hasPrefix(prefix) else { return nil }
        return String(path.dropFirst(prefix.count))
    }

    /// Whether a directory entry exists, without following a final symlink (a dangling symlink exists).
    private static func entryExists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// `realpath(3)`: nil for a dangling symlink, a loop, or a permission error.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func normalized(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }

    // MARK: - Local paths

    /// An absolute path or `file://` URL, when local paths are allowed.
    private func localPath(_ uri: String) throws -> URL {
        guard uri.utf8.count <= GCSURI.maxLength else {
            throw GCSPathError(.tooLong, uri: uri, "longer than \(GCSURI.maxLength) characters")
        }
        let isFileURL = uri.lowercased().hasPrefix("file://")
        guard isFileURL || uri.hasPrefix("/") else {
            throw GCSPathError(.unsupportedScheme, uri: uri, "expected a gs://BUCKET/OBJECT URI")
        }
        guard allowsLocalPaths else {
            throw GCSPathError(
                .localPathNotAllowed, uri: uri,
                "this server reads no local paths (start it with "
                    + "--allow-path FOLDER, or set AUTOML_IMPORT_PATHS); use a gs:// URI")
        }
        if uri.utf8.contains(0) {
            throw GCSPathError(.nulByte, uri: uri, "contains a NUL byte")
        }
        var path = uri
        if isFileURL {
            var rest = uri.dropFirst("file://".count)
            if rest.lowercased().hasPrefix("localhost/") { rest = rest.dropFirst("localhost".count) }
            guard rest.hasPrefix("/") else {
                throw GCSPathError(.unsupportedScheme, uri: uri, "a file:// URL must have an empty host or localhost")
            }
            path = GCSURI.percentDecoded(rest)
            if path.utf8.contains(0) {
                throw GCSPathError(.nulByte, uri: uri, "contains an encoded NUL byte")
            }
        }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let real = try realLocation(of: url.path, uri: uri)
        for folder in localFolders {
            if let realFolder = GCSPathMapper.realPath(folder),
                GCSPathMapper.relativePath(of: real, under: realFolder) != nil
            {
                return url
            }
        }
        throw GCSPathError(
            .localPathNotAllowed, uri: uri,
            "not inside a folder this server reads local paths from "
                + "(\(localFolders.joined(separator: ", "))); use a gs:// URI or --allow-path")
    }
}
