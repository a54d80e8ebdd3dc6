import Foundation

/// The JSON of one cache file: `$XDG_CACHE_HOME/automl/<endpoint>/<project>/<location>.json`.
///
/// ```json
/// {"version": 1, "endpoint": null, "project": "local", "location": "us-central1",
///  "kinds": {"dataset": {"fetchedAt": 1767225600.0, "entries": [["ICN123", "flowers"]]}}}
/// ```
/// Entries are `[id, displayName]` pairs: a cache of 100,000 IDs stays a few megabytes and decodes quickly.
/// `fetchedAt` is seconds since 1970, absent for a kind never listed (only created or deleted).
struct ResourceCacheFile: Codable {
    /// Bumped when the format changes; a file of another version is treated as empty.
    static let currentVersion = 1

    var version: Int
    var endpoint: String?
    var project: String
    var location: String
    var kinds: [String: Kind]

    struct Kind: Codable {
        var fetchedAt: Double?
        var entries: [[String]]
    }

    init(scope: ResourceScope, catalog: ResourceCatalog) {
        version = Self.currentVersion
        endpoint = scope.endpoint
        project = scope.project
        location = scope.location
        var kinds: [String: Kind] = [:]
        for kind in ResourceKind.scoped {
            let entries = catalog.entries(kind)
            let fetchedAt = catalog.fetchedAt(kind)
            guard !entries.isEmpty || fetchedAt != nil else { continue }
            kinds[kind.rawValue] = Kind(fetchedAt: fetchedAt?.timeIntervalSince1970,
                                        entries: entries.map { [$0.id, $0.displayName] })
        }
        self.kinds = kinds
    }

    /// The catalog this file holds; kinds it does not know are skipped, malformed entries are errors.
    func catalog() throws -> ResourceCatalog {
        guard version == Self.currentVersion else { throw FormatError(message: "unsupported version \(version)") }
        var catalog = ResourceCatalog()
        for (name, record) in kinds {
            guard let kind = ResourceKind(rawValue: name), ResourceKind.scoped.contains(kind) else { continue }
            let entries = try record.entries.map { pair -> ResourceEntry in
                guard (1...2).contains(pair.count), !pair[0].isEmpty else {
                    throw FormatError(message: "a \(name) entry is not an [id, displayName] pair")
                }
                return ResourceEntry(id: pair[0], displayName: pair.count == 2 ? pair[1] : "")
            }
            catalog.replace(kind, with: entries, fetchedAt: record.fetchedAt.map(Date.init(timeIntervalSince1970:)))
        }
        return catalog
    }

    /// A file that parses as JSON but not as a cache.
    struct FormatError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
