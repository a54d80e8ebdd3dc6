/// The entry that stands for the candidates left out when there are more than `CompletionEngine.maxCandidates`.
///
/// It is always last, and only present when there are several other candidates. Its display is
/// `… 99,800 more`; its insertion is the longest prefix that every match (shown or not) starts with, so
/// `CompletionResult.commonPrefix` over all candidates is still what Tab may insert; it takes no space.
///
/// For the line editor: list its display with the others, never offer it as a choice of its own, and do not
/// leave it out when computing the common prefix (leaving it out could insert more than the hidden matches share).
extension CompletionCandidate {
    /// The overflow entry for `count` left-out matches.
    static func overflow(count: Int, insertion: String) -> CompletionCandidate {
        CompletionCandidate(insertion, display: "\(overflowMark) \(groupedDigits(count)) more", appendsSpace: false)
    }

    /// Whether this is the overflow entry: display-only, not a value.
    package var isOverflow: Bool {
        guard !appendsSpace, let display, display.hasPrefix(Self.overflowMark + " "), display.hasSuffix(" more")
        else { return false }
        let count = display.dropFirst(2).dropLast(5)
        return !count.isEmpty && count.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ",") }
    }

    private static let overflowMark = "…"

    /// `99800` → `99,800`.
    private static func groupedDigits(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}

extension CompletionResult {
    /// How many matches were left out of `candidates` (0 when all are there).
    package var omittedCount: Int {
        guard let last = candidates.last, last.isOverflow, let display = last.display else { return 0 }
        let digits = display.filter(\.isNumber)
        return Int(digits) ?? 0
    }
}
