import Foundation
import Testing

@testable import AutoMLShell

@Suite("Completion: sorted resource index")
struct ResourceIndexTests {
    /// The answer a linear filter gives, to check the binary searches against.
    static func naive(_ entries: [ResourceEntry], _ prefix: String) -> [ResourceEntry] {
        var byID: [String: ResourceEntry] = [:]
        for entry in entries { byID[entry.id] = entry }
        return byID.values.filter {
            UTF8Order.hasPrefix($0.id, prefix)
                || (!$0.displayName.isEmpty && UTF8Order.hasPrefix($0.displayName.lowercased(), prefix.lowercased()))
        }.sorted { UTF8Order.less($0.id, $1.id) }
    }

    /// Deterministic pseudo-random entries over a small alphabet, so prefixes collide often.
    static func entries(count: Int, seed: UInt64) -> [ResourceEntry] {
        var generator = SplitMix(seed: seed)
        let letters = Array("aAbBé日 ")
        func word(_ length: Int) -> String {
            String((0..<length).map { _ in letters[Int(generator.next() % UInt64(letters.count))] })
        }
        return (0..<count).map { _ in
            ResourceEntry(id: word(1 + Int(generator.next() % 4)), displayName: word(Int(generator.next() % 5)))
        }
    }

    @Test(arguments: [1, 2, 3])
    func matchesAgreeWithALinearFilter(seed: UInt64) {
        let entries = Self.entries(count: 400, seed: seed)
        let index = ResourceIndex(entries)
        for prefix in ["", "a", "A", "b", "é", "日", "aB", "Ab", "a ", "zz", "日a"] {
            let expected = Self.naive(entries, prefix)
            let matches = index.matches(prefix: prefix, limit: 25)
            #expect(matches.total == expected.count, "prefix \(prefix)")
            #expect(matches.entries == Array(expected.prefix(25)), "prefix \(prefix)")
            if let first = expected.first, let last = expected.last {
                #expect(matches.commonIDPrefix == UTF8Order.commonPrefix(first.id, last.id))
            }
        }
    }

    @Test(arguments: [4, 5])
    func insertAndRemoveKeepTheIndexEqualToARebuild(seed: UInt64) {
        var model: [String: ResourceEntry] = [:]
        var index = ResourceIndex()
        var generator = SplitMix(seed: seed)
        for entry in Self.entries(count: 300, seed: seed) {
            if generator.next() % 3 == 0, let victim = model.keys.sorted().first {
                index.remove(id: victim)
                model[victim] = nil
            } else {
                index.insert(entry)
                model[entry.id] = entry
            }
        }
        let rebuilt = ResourceIndex(Array(model.values))
        #expect(index.entries == rebuilt.entries)
        for prefix in ["", "a", "B", "日", "ab", "é "] {
            #expect(index.matches(prefix: prefix, limit: 1000) == rebuilt.matches(prefix: prefix, limit: 1000))
        }
    }

    @Test(arguments: [6, 7])
    func anIndexReadBackInStoredOrderEqualsASortedOne(seed: UInt64) {
        let sorted = ResourceIndex(Self.entries(count: 300, seed: seed))
        let stored = ResourceIndex(stored: sorted.entries, nameOrder: sorted.nameRanks)
        #expect(stored.entries == sorted.entries)
        #expect(stored.nameKeys == sorted.nameKeys)
        #expect(stored.nameRanks == sorted.nameRanks)
    }

    @Test func aStoredOrderThatIsWrongIsSortedAgain() {
        let sorted = ResourceIndex(Self.entries(count: 200, seed: 8))
        let named = sorted.nameRanks
        let wrongOrders: [[Int]?] = [
            nil, [], Array(named.reversed()), Array(named.dropLast()), named + [named[0]],
            [sorted.count] + named.dropFirst(), Array(repeating: named[0], count: named.count),
        ]
        for order in wrongOrders {
            let index = ResourceIndex(stored: sorted.entries, nameOrder: order)
            #expect(index.nameKeys == sorted.nameKeys)
            #expect(
                index.nameRanks.map { index.entries[$0].displayName.lowercased() }
                    == sorted.nameRanks.map { sorted.entries[$0].displayName.lowercased() })
        }
        // Entries out of ID order, or repeated, are sorted (the last of a repeated ID wins).
        let shuffled = Array(sorted.entries.reversed()) + [ResourceEntry(id: sorted.entries[0].id, displayName: "x")]
        let index = ResourceIndex(stored: shuffled, nameOrder: named)
        #expect(index.entries.map(\.id) == sorted.entries.map(\.id))
        #expect(index.entry(id: sorted.entries[0].id)?.displayName == "x")
        for prefix in ["a", "B", "é", "日"] {
            #expect(
                index.matches(prefix: prefix, limit: .max).entries
                    == Self.naive(shuffled, prefix))
        }
    }

    @Test func aRepeatedIDKeepsTheLastEntry() {
        let index = ResourceIndex([
            ResourceEntry(id: "x", displayName: "old"), ResourceEntry(id: "x", displayName: "new"),
        ])
        #expect(index.entries == [ResourceEntry(id: "x", displayName: "new")])
        #expect(index.matches(prefix: "o", limit: 10).total == 0)
        #expect(index.matches(prefix: "N", limit: 10).total == 1)
    }

    @Test func insertingAnExistingIDRenamesIt() {
        var index = ResourceIndex([ResourceEntry(id: "x", displayName: "old")])
        index.insert(ResourceEntry(id: "x", displayName: "new"))
        #expect(index.count == 1)
        #expect(index.matches(prefix: "old", limit: 10).total == 0)
        #expect(index.entry(id: "x")?.displayName == "new")
    }

    @Test func exactDisplayNameLookupIgnoresCase() {
        let index = ResourceIndex([
            ResourceEntry(id: "b", displayName: "Flowers"), ResourceEntry(id: "a", displayName: "flowers"),
            ResourceEntry(id: "c", displayName: "flowers2"),
        ])
        #expect(index.entries(displayName: "FLOWERS").map(\.id) == ["a", "b"])
        #expect(index.entries(displayName: "flower").isEmpty)
    }

    @Test func rankSetWalksMembersInOrder() {
        var set = RankSet(count: 300)
        set.insert(5..<140)
        set.insert(299)
        set.insert(0)
        #expect(set.count == 137)
        #expect(set.first == 0)
        #expect(set.last == 299)
        var seen: [Int] = []
        set.forEachAscending {
            seen.append($0)
            return seen.count < 4
        }
        #expect(seen == [0, 5, 6, 7])
    }
}

/// A small deterministic generator for repeatable test data.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
