import AutoMLWire
import Foundation
import Synchronization

/// Recent List answers, kept while the store has not been written to since they were read: a client
/// that polls a long list (a shell refreshing its completion cache, a dashboard) gets the same bytes
/// without the rows being read and joined again. Any write to the store makes every entry stale.
final class ListCache<Resource: ProtoMessage>: Sendable {
    private struct Entry: Sendable {
        var writeCount: UInt64
        var list: StoredList<Resource>
    }

    /// Entries beyond this many are dropped all at once (distinct queries are few in practice).
    static var capacity: Int { 64 }
    private let entries = Mutex<[String: Entry]>([:])

    /// The cached answer to `key` if nothing was written since it was read; else `read()`'s, remembered.
    func answer(_ key: String, store: EmulatorStore, read: () async throws -> StoredList<Resource>) async throws
        -> StoredList<Resource>
    {
        let writes = store.writeCount
        if let entry = entries.withLock({ $0[key] }), entry.writeCount == writes {
            return entry.list
        }
        var list = try await read()
        list.cacheCanonicalBody()
        let fresh = Entry(writeCount: writes, list: list)
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[key] = fresh
        }
        return list
    }

    /// A cache key for a List request: the parent and every query parameter, in order.
    static func key(parent: Parent, query: [String: String]) -> String {
        ([parent.description] + query.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(
            separator: "\u{0}")
    }
}
