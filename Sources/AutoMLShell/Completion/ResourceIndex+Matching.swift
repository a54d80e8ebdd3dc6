/// What a prefix matched in one kind of resource: the first few entries and how many there are in all.
package struct ResourceMatches: Sendable, Equatable {
    /// The matching entries in ID order, at most the limit asked for.
    package var entries: [ResourceEntry]
    /// How many entries match in all (may exceed `entries.count`).
    package var total: Int
    /// The longest prefix every matching ID shares (whole characters), empty when nothing matches.
    package var commonIDPrefix: String

    package init(entries: [ResourceEntry] = [], total: Int = 0, commonIDPrefix: String = "") {
        self.entries = entries
        self.total = total
        self.commonIDPrefix = commonIDPrefix
    }
}

extension ResourceIndex {
    /// The entries whose ID starts with `prefix` (case-sensitive) or whose display name starts with it
    /// (ignoring case), in ID order, the first `limit` of them.
    ///
    /// Cost: two binary searches per order; when display names match too, one pass over the name matches and
    /// over a bit set of n/64 words to merge them into ID order. No string is compared outside the searches.
    func matches(prefix: String, limit: Int) -> ResourceMatches {
        let idRange = UTF8Order.prefixRange(count: entries.count, prefix: prefix) { entries[$0].id }
        // An empty prefix matches every ID already; names cannot add anything.
        let nameRange =
            prefix.isEmpty || idRange.count == entries.count
            ? 0..<0
            : UTF8Order.prefixRange(count: nameKeys.count, prefix: prefix.lowercased()) { nameKeys[$0] }
        if nameRange.isEmpty {
            return idMatches(idRange, limit: limit)
        }
        var ranks = RankSet(count: entries.count)
        ranks.insert(idRange)
        for index in nameRange { ranks.insert(nameRanks[index]) }
        return merged(ranks, limit: limit)
    }

    private func idMatches(_ range: Range<Int>, limit: Int) -> ResourceMatches {
        guard let first = range.first, let last = range.last else { return ResourceMatches() }
        let shown = entries[range.prefix(max(0, limit))]
        return ResourceMatches(
            entries: Array(shown), total: range.count,
            commonIDPrefix: UTF8Order.commonPrefix(entries[first].id, entries[last].id))
    }

    private func merged(_ ranks: RankSet, limit: Int) -> ResourceMatches {
        guard let first = ranks.first, let last = ranks.last else { return ResourceMatches() }
        var shown: [ResourceEntry] = []
        shown.reserveCapacity(min(limit, ranks.count))
        ranks.forEachAscending { rank in
            guard shown.count < limit else { return false }
            shown.append(entries[rank])
            return true
        }
        return ResourceMatches(
            entries: shown, total: ranks.count,
            commonIDPrefix: UTF8Order.commonPrefix(entries[first].id, entries[last].id))
    }
}

/// A set of positions in `0..<count` as a bit set, for merging matches into ID order in O(n/64).
struct RankSet {
    private var words: [UInt64]

    init(count: Int) {
        words = Array(repeating: 0, count: (count + 63) / 64)
    }

    mutating func insert(_ rank: Int) {
        words[rank >> 6] |= 1 << UInt64(rank & 63)
    }

    mutating func insert(_ range: Range<Int>) {
        var rank = range.lowerBound
        while rank < range.upperBound {
            if rank & 63 == 0, range.upperBound - rank >= 64 {
                words[rank >> 6] = .max
                rank += 64
            } else {
                insert(rank)
                rank += 1
            }
        }
    }

    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    var first: Int? {
        guard let index = words.firstIndex(where: { $0 != 0 }) else { return nil }
        return index * 64 + words[index].trailingZeroBitCount
    }

    var last: Int? {
        guard let index = words.lastIndex(where: { $0 != 0 }) else { return nil }
        return index * 64 + 63 - words[index].leadingZeroBitCount
    }

    /// Calls `body` with each member in ascending order until it returns false.
    func forEachAscending(_ body: (Int) -> Bool) {
        for (index, word) in words.enumerated() where word != 0 {
            var remaining = word
            while remaining != 0 {
                guard body(index * 64 + remaining.trailingZeroBitCount) else { return }
                remaining &= remaining - 1
            }
        }
    }
}
