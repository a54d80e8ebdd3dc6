import AutoMLClient
import Foundation

/// The JSON of one cache file: `$XDG_CACHE_HOME/automl/<endpoint>/<project>/<location>.json`.
///
/// ```json
/// {"version": 1, "endpoint": null, "project": "local", "location": "us-central1",
///  "kinds": {"dataset": {"fetchedAt": 1767225600.0, "entries": [["ICN123", "flowers"]], "nameOrder": [0]}}}
/// ```
/// Entries are `[id, displayName]` pairs, sorted by ID (UTF-8 bytes), and `nameOrder` lists the positions of those
/// with a display name in display-name order, so reading a file back checks the two orders instead of sorting
/// (a cache of 100,000 IDs stays a few megabytes and loads in a fraction of the time a sort takes). Both are
/// optional for a reader: a file without `nameOrder`, or out of order, is sorted as it is read. `fetchedAt` is
/// seconds since 1970, absent for a kind never listed (only created or deleted).
///
/// Read with `JSONValue(parsing:)` and written with `JSONWriter` (Foundation's coders took most of the time).
struct ResourceCacheFile {
    /// Bumped when the format changes in a way older readers cannot follow; a file of another version is treated
    /// as empty. (`nameOrder` did not bump it: older readers ignore it.)
    static let currentVersion = 1

    var endpoint: String?
    var project: String
    var location: String
    var catalog: ResourceCatalog

    init(scope: ResourceScope, catalog: ResourceCatalog) {
        endpoint = scope.endpoint
        project = scope.project
        location = scope.location
        self.catalog = catalog
    }

    /// Reads a file; kinds it does not know are skipped, anything else malformed is an error.
    init(parsing data: Data) throws {
        let root: JSONValue
        do {
            root = try JSONValue(parsing: data)
        } catch {
            throw FormatError(message: "\(error)")
        }
        guard let object = root.objectValue else { throw FormatError(message: "not a JSON object") }
        guard case .integer(let version) = object["version"] else { throw FormatError(message: "missing version") }
        guard version == Self.currentVersion else { throw FormatError(message: "unsupported version \(version)") }
        switch object["endpoint"] {
        case .string(let text): endpoint = text
        case .null, nil: endpoint = nil
        default: throw FormatError(message: "endpoint is not a string")
        }
        guard let project = object["project"]?.stringValue, let location = object["location"]?.stringValue else {
            throw FormatError(message: "missing project or location")
        }
        self.project = project
        self.location = location
        catalog = ResourceCatalog()
        guard let kinds = object["kinds"]?.objectValue else { throw FormatError(message: "missing kinds") }
        for (name, record) in kinds {
            guard let kind = ResourceKind(rawValue: name), ResourceKind.scoped.contains(kind) else { continue }
            try readKind(kind, record)
        }
    }

    private mutating func readKind(_ kind: ResourceKind, _ record: JSONValue) throws {
        guard let entryValues = record["entries"]?.arrayValue else {
            throw FormatError(message: "\(kind) has no entries array")
        }
        let entries = try entryValues.map { pair -> ResourceEntry in
            guard let fields = pair.arrayValue, (1...2).contains(fields.count),
                let id = fields[0].stringValue, !id.isEmpty
            else { throw FormatError(message: "a \(kind) entry is not an [id, displayName] pair") }
            guard fields.count == 2 else { return ResourceEntry(id: id) }
            guard let displayName = fields[1].stringValue else {
                throw FormatError(message: "a \(kind) entry's display name is not a string")
            }
            return ResourceEntry(id: id, displayName: displayName)
        }
        let fetchedAt: Date?
        switch record["fetchedAt"] {
        case .number(let seconds): fetchedAt = Date(timeIntervalSince1970: seconds)
        case .integer(let seconds): fetchedAt = Date(timeIntervalSince1970: Double(seconds))
        case .null, nil: fetchedAt = nil
        default: throw FormatError(message: "\(kind) fetchedAt is not a number")
        }
        // An order that is not a list of integers is ignored like a wrong one: the entries are sorted instead.
        let nameOrder = record["nameOrder"]?.arrayValue?.compactMap { value -> Int? in
            if case .integer(let rank) = value { return Int(exactly: rank) }
            return nil
        }
        catalog.replace(kind, stored: entries, nameOrder: nameOrder, fetchedAt: fetchedAt)
    }

    /// The file's bytes: compact JSON, keys in a fixed order.
    func encoded() -> Data {
        var writer = JSONWriter(capacity: 64 + ResourceKind.scoped.reduce(0) { $0 + catalog.count($1) * 48 })
        writer.writeRaw("{\"version\":\(Self.currentVersion),\"endpoint\":".utf8)
        if let endpoint { writer.write(string: endpoint) } else { writer.writeRaw("null".utf8) }
        writer.writeRaw(",\"project\":".utf8)
        writer.write(string: project)
        writer.writeRaw(",\"location\":".utf8)
        writer.write(string: location)
        writer.writeRaw(",\"kinds\":{".utf8)
        var firstKind = true
        for kind in ResourceKind.scoped {
            let entries = catalog.entries(kind)
            let fetchedAt = catalog.fetchedAt(kind)
            guard !entries.isEmpty || fetchedAt != nil else { continue }
            if !firstKind { writer.writeRaw(",".utf8) }
            firstKind = false
            writer.write(string: kind.rawValue)
            writer.writeRaw(":{".utf8)
            if let fetchedAt {
                writer.writeRaw("\"fetchedAt\":".utf8)
                writer.write(.number(fetchedAt.timeIntervalSince1970))
                writer.writeRaw(",".utf8)
            }
            writer.writeRaw("\"entries\":[".utf8)
            for (index, entry) in entries.enumerated() {
                writer.writeRaw((index == 0 ? "[" : ",[").utf8)
                writer.write(string: entry.id)
                writer.writeRaw(",".utf8)
                writer.write(string: entry.displayName)
                writer.writeRaw("]".utf8)
            }
            writer.writeRaw("],\"nameOrder\":[".utf8)
            for (index, rank) in catalog.nameOrder(kind).enumerated() {
                writer.writeRaw((index == 0 ? String(rank) : "," + String(rank)).utf8)
            }
            writer.writeRaw("]}".utf8)
        }
        writer.writeRaw("}}".utf8)
        return Data(writer.bytes)
    }

    /// A file that is not JSON, or not a cache.
    struct FormatError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
