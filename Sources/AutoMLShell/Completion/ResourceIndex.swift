/// The resources of one kind, kept sorted twice so prefix lookups are binary searches, never a linear filter:
/// by ID (UTF-8 byte order) and by lowercased display name. A value type; copies share storage until written.
struct ResourceIndex: Sendable {
    /// Sorted by ID; IDs are unique.
    private(set) var entries: [ResourceEntry] = []
    /// The lowercased display names, sorted (entries without a display name are left out)…
    private(set) var nameKeys: [String] = []
    /// …and for each, the position of its entry in `entries`.
    private(set) var nameRanks: [Int] = []

    init() {}

    /// An index of `entries`; for a repeated ID the last one wins.
    init(_ newEntries: some Sequence<ResourceEntry>) {
        var byID: [String: ResourceEntry] = [:]
        for entry in newEntries { byID[entry.id] = entry }
        entries = byID.values.sorted { UTF8Order.less($0.id, $1.id) }
        sortNames()
    }

    /// An index of entries stored in index order (the cache file keeps them so): `stored` sorted by ID, and
    /// `nameOrder` the ranks of the named entries in display-name order (`nameRanks`). Both are checked in one
    /// pass, O(n); whatever is out of order, repeated or missing is sorted again, so a hand-edited file still
    /// gives a correct index, only slower.
    init(stored: [ResourceEntry], nameOrder: [Int]?) {
        let isSorted = zip(stored, stored.dropFirst()).allSatisfy { UTF8Order.less($0.id, $1.id) }
        guard isSorted else {
            self.init(stored)
            return
        }
        self.init()
        entries = stored
        guard let nameOrder, let keys = Self.checkedNameKeys(entries, order: nameOrder) else {
            sortNames()
            return
        }
        nameKeys = keys
        nameRanks = nameOrder
    }

    /// The lowercased names in `order` when it lists every named entry once, in name order; nil otherwise.
    private static func checkedNameKeys(_ entries: [ResourceEntry], order: [Int]) -> [String]? {
        var seen = [Bool](repeating: false, count: entries.count)
        var keys: [String] = []
        keys.reserveCapacity(order.count)
        for rank in order {
            guard entries.indices.contains(rank), !seen[rank], !entries[rank].displayName.isEmpty else { return nil }
            seen[rank] = true
            let key = entries[rank].displayName.lowercased()
            if let previous = keys.last, UTF8Order.less(key, previous) { return nil }
            keys.append(key)
        }
        let named = entries.reduce(0) { $0 + ($1.displayName.isEmpty ? 0 : 1) }
        return named == order.count ? keys : nil
    }

    /// Builds the display-name order of `entries` by sorting.
    private mutating func sortNames() {
        let named = entries.indices.compactMap { rank -> (key: String, rank: Int)? in
            let name = entries[rank].displayName
            return name.isEmpty ? nil : (name.lowercased(), rank)
        }.sorted { UTF8Order.less($0.key, $1.key) }
        nameKeys = named.map(\.key)
        nameRanks = named.map(\.rank)
    }

    var count: Int { entries.count }

    /// The entry with exactly this ID.
    func entry(id: String) -> ResourceEntry? {
        let rank = position(of: id)
        return rank < entries.count && entries[rank].id == id ? entries[rank] : nil
    }

    /// The entries whose display name equals `name`, ignoring case (for `use` by display name).
    func entries(displayName name: String) -> [ResourceEntry] {
        let key = name.lowercased()
        let start = UTF8Order.partitionPoint(count: nameKeys.count) { UTF8Order.less(nameKeys[$0], key) }
        var found: [ResourceEntry] = []
        var index = start
        while index < nameKeys.count, UTF8Order.compare(nameKeys[index], key) == 0 {
            found.append(entries[nameRanks[index]])
            index += 1
        }
        return found.sorted { UTF8Order.less($0.id, $1.id) }
    }

    /// Adds an entry, or renames the one with the same ID. O(n) for the shifts, O(log n) to find the spot.
    mutating func insert(_ entry: ResourceEntry) {
        let rank = position(of: entry.id)
        if rank < entries.count, entries[rank].id == entry.id {
            removeNameKey(rank: rank)
            entries[rank] = entry
        } else {
            entries.insert(entry, at: rank)
            for index in nameRanks.indices where nameRanks[index] >= rank { nameRanks[index] += 1 }
        }
        guard !entry.displayName.isEmpty else { return }
        let key = entry.displayName.lowercased()
        let slot = UTF8Order.partitionPoint(count: nameKeys.count) { UTF8Order.less(nameKeys[$0], key) }
        nameKeys.insert(key, at: slot)
        nameRanks.insert(rank, at: slot)
    }

    /// Removes the entry with this ID; nothing happens when there is none.
    mutating func remove(id: String) {
        let rank = position(of: id)
        guard rank < entries.count, entries[rank].id == id else { return }
        removeNameKey(rank: rank)
        entries.remove(at: rank)
        for index in nameRanks.indices where nameRanks[index] > rank { nameRanks[index] -= 1 }
    }

    /// Where `id` is or would be in `entries`.
    private func position(of id: String) -> Int {
        UTF8Order.partitionPoint(count: entries.count) { UTF8Order.less(entries[$0].id, id) }
    }

    private mutating func removeNameKey(rank: Int) {
        let name = entries[rank].displayName
        guard !name.isEmpty else { return }
        let key = name.lowercased()
        var index = UTF8Order.partitionPoint(count: nameKeys.count) { UTF8Order.less(nameKeys[$0], key) }
        while index < nameKeys.count, UTF8Order.compare(nameKeys[index], key) == 0 {
            if nameRanks[index] == rank {
                nameKeys.remove(at: index)
                nameRanks.remove(at: index)
                return
            }
            index += 1
        }
    }
}
