import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Something about the cache that the user may want to know, but that never stops the shell: an unreadable or
/// corrupt file (treated as empty) or a write that failed (the cache then lives in memory only).
package struct ResourceCacheWarning: Sendable, Hashable, CustomStringConvertible {
    /// The file concerned.
    package var path: String
    /// What went wrong, in words.
    package var message: String

    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    package var description: String { "resource cache \(path): \(message)" }
}

extension ResourceCacheStore {
    /// The cached catalog of `scope`: empty when there is no file yet, and empty with a warning when the file
    /// cannot be read or is not a cache of this scope.
    package func load(_ scope: ResourceScope) -> (catalog: ResourceCatalog, warning: ResourceCacheWarning?) {
        let path = path(for: scope)
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return (ResourceCatalog(), nil)
        } catch {
            guard FileManager.default.fileExists(atPath: path) else { return (ResourceCatalog(), nil) }
            return (ResourceCatalog(), warning(path, "cannot be read (\(error.localizedDescription)); starting empty"))
        }
        do {
            let file = try ResourceCacheFile(parsing: data)
            guard file.endpoint == scope.endpoint, file.project == scope.project, file.location == scope.location
            else {
                return (ResourceCatalog(), warning(path, "belongs to another endpoint, project or location; ignored"))
            }
            return (file.catalog, nil)
        } catch {
            return (ResourceCatalog(), warning(path, "is corrupt (\(error)); starting empty"))
        }
    }

    /// Writes the scoped kinds of `catalog` as the cache of `scope`, atomically: a 0600 temporary file in the same
    /// folder, flushed, then renamed over the old one. Missing folders are created 0700. Nil on success.
    package func save(_ catalog: ResourceCatalog, for scope: ResourceScope) -> ResourceCacheWarning? {
        let path = path(for: scope)
        let data = ResourceCacheFile(scope: scope, catalog: catalog).encoded()
        let folder = projectDirectory(endpoint: scope.endpoint, project: scope.project)
        if let failure = Self.makeDirectories(folder) {
            return warning(path, "folder \(folder) cannot be created (\(failure)); kept in memory only")
        }
        let name = String(path.split(separator: "/").last ?? "cache.json")
        let temporary = Self.joined(folder, ".\(name).\(getpid()).\(UInt32.random(in: .min ... .max)).tmp")
        if let failure = Self.writeNew(temporary, data) {
            unlink(temporary)
            return warning(path, "cannot be written (\(failure)); kept in memory only")
        }
        guard rename(temporary, path) == 0 else {
            let failure = Self.errnoText()
            unlink(temporary)
            return warning(path, "cannot be replaced (\(failure)); kept in memory only")
        }
        return nil
    }

    /// The projects that have a cache on `endpoint`, sorted.
    package func knownProjects(endpoint: String?) -> [String] {
        Self.names(in: endpointDirectory(endpoint), suffix: "")
    }

    /// The locations that have a cache for `project` on `endpoint`, sorted.
    package func knownLocations(endpoint: String?, project: String) -> [String] {
        Self.names(in: projectDirectory(endpoint: endpoint, project: project), suffix: ".json")
    }

    private func warning(_ path: String, _ message: String) -> ResourceCacheWarning {
        ResourceCacheWarning(path: path, message: message)
    }

    /// Decoded entry names of a folder that end in `suffix` (folders when the suffix is empty); hidden ones skipped.
    private static func names(in folder: String, suffix: String) -> [String] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else { return [] }
        return names.compactMap { name -> String? in
            guard !name.hasPrefix("."), name.hasSuffix(suffix) else { return nil }
            if suffix.isEmpty {
                var isFolder: ObjCBool = false
                guard manager.fileExists(atPath: joined(folder, name), isDirectory: &isFolder), isFolder.boolValue
                else { return nil }
            }
            return CacheSlug.decodeComponent(String(name.dropLast(suffix.count)))
        }.sorted { UTF8Order.less($0, $1) }
    }

    /// `mkdir -p` with mode 0700 for every folder it creates; an error text, or nil.
    private static func makeDirectories(_ path: String) -> String? {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) != 0, errno != EEXIST { return "\(current): \(errnoText())" }
        }
        return nil
    }

    /// Creates `path` (it must not exist) with mode 0600 and writes `data` to it; an error text, or nil.
    ///
    /// Not flushed to disk (`fsync`): this is a cache, written after every listing, and an `fsync` cost a one-shot
    /// command more than its request did. After a power loss the file may come back empty or torn; it is then
    /// reported and replaced at the next listing, like any unreadable cache file.
    private static func writeNew(_ path: String, _ data: Data) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return errnoText() }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else { return errnoText() }
        let failure: String? = data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                guard let base = buffer.baseAddress else { return nil }
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errnoText()
                }
                offset += written
            }
            return nil
        }
        return failure
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
