#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Byte-wise comparisons of strings' UTF-8, the one order the resource indexes use: every string that starts with a
/// given prefix sits in one contiguous run, so a prefix lookup is two binary searches. (Swift's `<` compares
/// normalized scalars, which can disagree with byte prefixes for text that is not in NFC.)
enum UTF8Order {
    /// Whether `lhs` sorts before `rhs` by UTF-8 bytes.
    static func less(_ lhs: String, _ rhs: String) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// `memcmp`-style: negative, zero or positive.
    static func compare(_ lhs: String, _ rhs: String) -> Int {
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                let shared = min(left.count, right.count)
                if shared > 0, let leftBase = left.baseAddress, let rightBase = right.baseAddress {
                    let result = memcmp(leftBase, rightBase, shared)
                    if result != 0 { return Int(result) }
                }
                return left.count - right.count
            }
        }
    }

    /// Whether `text`'s UTF-8 starts with `prefix`'s UTF-8.
    static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        var text = text
        var prefix = prefix
        return text.withUTF8 { whole in
            prefix.withUTF8 { start in
                guard start.count <= whole.count else { return false }
                guard start.count > 0, let wholeBase = whole.baseAddress, let startBase = start.baseAddress else {
                    return true
                }
                return memcmp(wholeBase, startBase, start.count) == 0
            }
        }
    }

    /// The index range of the elements whose key starts with `prefix`, in a collection sorted by `less` on that
    /// key: two binary searches, O(log n).
    static func prefixRange(count: Int, prefix: String, key: (Int) -> String) -> Range<Int> {
        // First index whose key is not below the prefix: where the run of matches would start.
        let lower = partitionPoint(count: count) { less(key($0), prefix) }
        // Keys below the prefix or starting with it form the leading part of the array.
        let upper = partitionPoint(count: count) { index in
            let candidate = key(index)
            return less(candidate, prefix) || hasPrefix(candidate, prefix)
        }
        return lower..<max(lower, upper)
    }

    /// The first index in `0..<count` where `isBelow` turns false (it must be true, then false).
    static func partitionPoint(count: Int, isBelow: (Int) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = low + (high - low) / 2
            if isBelow(middle) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// The longest common prefix of two strings, whole characters only, so a multi-byte UTF-8 sequence (or a
    /// combining sequence) is never cut.
    static func commonPrefix(_ lhs: String, _ rhs: String) -> String {
        var end = lhs.startIndex
        var other = rhs.startIndex
        while end < lhs.endIndex, other < rhs.endIndex, lhs[end] == rhs[other] {
            end = lhs.index(after: end)
            other = rhs.index(after: other)
        }
        return String(lhs[..<end])
    }
}
