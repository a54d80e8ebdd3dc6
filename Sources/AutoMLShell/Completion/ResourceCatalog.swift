package import Foundation

/// The cached resources of one endpoint/project/location, what Tab completion reads. A value type: a copy is a
/// snapshot that costs nothing until one side changes, so a reader never waits for a writer.
package struct ResourceCatalog: Sendable {
    private var indexes: [ResourceKind: ResourceIndex] = [:]
    private var fetchTimes: [ResourceKind: Date] = [:]

    /// An empty catalog: every kind unknown and stale.
    package init() {}

    /// How many entries of `kind` there are.
    package func count(_ kind: ResourceKind) -> Int {
        indexes[kind]?.count ?? 0
    }

    /// Every entry of `kind`, sorted by ID.
    package func entries(_ kind: ResourceKind) -> [ResourceEntry] {
        indexes[kind]?.entries ?? []
    }

    /// The entry of `kind` with exactly this ID.
    package func entry(_ kind: ResourceKind, id: String) -> ResourceEntry? {
        indexes[kind]?.entry(id: id)
    }

    /// The entries of `kind` whose display name is `displayName`, ignoring case, sorted by ID.
    package func entries(_ kind: ResourceKind, displayName: String) -> [ResourceEntry] {
        indexes[kind]?.entries(displayName: displayName) ?? []
    }

    /// The entries of `kind` whose ID starts with `prefix` or whose display name starts with it ignoring case,
    /// in ID order, at most `limit` of them; O(log n) lookups (see `ResourceIndex.matches`).
    package func matches(_ kind: ResourceKind, prefix: String, limit: Int) -> ResourceMatches {
        indexes[kind]?.matches(prefix: prefix, limit: limit) ?? ResourceMatches()
    }

    /// When `kind` was last listed from the service; nil when never.
    package func fetchedAt(_ kind: ResourceKind) -> Date? {
        fetchTimes[kind]
    }

    /// Whether `kind` should be listed again: never listed, or listed more than `maxAge` seconds before `now`.
    package func isStale(_ kind: ResourceKind, now: Date, maxAge: TimeInterval) -> Bool {
        guard let fetched = fetchTimes[kind] else { return true }
        return now.timeIntervalSince(fetched) > maxAge
    }

    /// Puts a fresh listing of `kind` in place of what was cached (after a list call).
    package mutating func replace(_ kind: ResourceKind, with entries: [ResourceEntry], fetchedAt: Date?) {
        indexes[kind] = ResourceIndex(entries)
        fetchTimes[kind] = fetchedAt
    }

    /// Puts entries read from a cache file in place: stored in index order (see `ResourceIndex(stored:nameOrder:)`).
    mutating func replace(_ kind: ResourceKind, stored entries: [ResourceEntry], nameOrder: [Int]?, fetchedAt: Date?) {
        indexes[kind] = ResourceIndex(stored: entries, nameOrder: nameOrder)
        fetchTimes[kind] = fetchedAt
    }

    /// The ranks (positions in `entries(kind)`) of the entries with a display name, in display-name order.
    func nameOrder(_ kind: ResourceKind) -> [Int] {
        indexes[kind]?.nameRanks ?? []
    }

    /// Adds a resource, or updates the display name of the one with this ID (after a create).
    package mutating func insert(_ kind: ResourceKind, id: String, displayName: String = "") {
        indexes[kind, default: ResourceIndex()].insert(ResourceEntry(id: id, displayName: displayName))
    }

    /// Forgets a resource (after a delete); nothing happens when it is not cached.
    package mutating func remove(_ kind: ResourceKind, id: String) {
        indexes[kind]?.remove(id: id)
    }
}
