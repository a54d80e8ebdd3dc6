/// What a Tab press does to the line, decided from the completer's answer with no terminal involved.
enum TabAction: Equatable {
    /// Replace the UTF-8 byte range `start..<end` of the line with `text`.
    case replace(start: Int, end: Int, text: String)
    /// Show these below the line (display strings), then redraw the prompt and the line.
    case list([String])
    /// Nothing matches.
    case beep
}

enum TabCompletion {
    /// The rules: one candidate replaces the word (plus a space if it asks for one and none follows);
    /// several insert their common prefix when that adds something, and are listed otherwise (so a
    /// second Tab lists them); none beeps. Candidates with an empty insertion (such as "… 120 more")
    /// are listed, never inserted.
    static func action(for result: CompletionResult, line: [UInt8]) -> TabAction {
        guard !result.candidates.isEmpty else { return .beep }
        let end = min(max(result.replaceEnd, 0), line.count)
        let start = min(max(result.replaceStart, 0), end)
        let insertable = result.candidates.filter { !$0.insertion.isEmpty && !$0.isOverflow }
        if result.candidates.count == 1, let only = insertable.first {
            let spaceFollows = end < line.count && line[end] == 0x20
            let text = only.insertion + (only.appendsSpace && !spaceFollows ? " " : "")
            return .replace(start: start, end: end, text: text)
        }
        let word = Array(line[start..<end])
        // The overflow entry's insertion is the prefix shared by the matches it stands for, so it takes part.
        let prefix = commonPrefix(of: result.candidates.filter { !$0.insertion.isEmpty }.map(\.insertion))
        // Only a prefix that extends what was typed: a display-name match (`flo` → `ICN11…`) lists instead.
        if !insertable.isEmpty, Array(prefix.utf8).starts(with: word), Array(prefix.utf8) != word {
            return .replace(start: start, end: end, text: prefix)
        }
        return .list(result.candidates.map { $0.display ?? $0.insertion })
    }

    /// The longest common prefix, compared by Unicode scalars so it never ends inside a UTF-8 sequence.
    static func commonPrefix(of texts: [String]) -> String {
        guard let first = texts.first else { return "" }
        var prefix = Array(first.unicodeScalars)
        for text in texts.dropFirst() {
            var count = 0
            for (a, b) in zip(prefix, text.unicodeScalars) {
                guard a == b else { break }
                count += 1
            }
            prefix.removeLast(prefix.count - count)
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: prefix)
        return String(result)
    }

    /// The listing as lines, in columns read top to bottom then left to right (as `ls` does), two spaces
    /// apart, never as wide as `width` (writing the last column makes some terminals wrap).
    static func columns(_ items: [String], width: Int) -> [String] {
        guard !items.isEmpty else { return [] }
        let widths = items.map(displayWidth)
        let columnWidth = (widths.max() ?? 0) + 2
        let columnCount = max(1, min(items.count, (max(width, 1) + 1) / columnWidth))
        let rowCount = (items.count + columnCount - 1) / columnCount
        return (0..<rowCount).map { row in
            var line = ""
            for column in 0..<columnCount {
                let index = column * rowCount + row
                guard index < items.count else { break }
                let isLast = column == columnCount - 1 || index + rowCount >= items.count
                line += items[index]
                if !isLast { line += String(repeating: " ", count: columnWidth - widths[index]) }
            }
            return line
        }
    }

    /// Columns the text takes on a terminal: East Asian wide characters and emoji count 2, combining
    /// marks and zero-width characters 0. (A table rather than `wcwidth`, which depends on the locale and
    /// is hidden from Swift by glibc's feature macros.)
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }

    private static func width(of scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        return wideRanges.contains { $0.contains(scalar.value) } ? 2 : 1
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// How many characters (Unicode scalars, what libedit counts) the bytes `range` of a UTF-8 line hold.
    static func characterCount(_ line: [UInt8], _ range: Range<Int>) -> Int {
        let range = range.clamped(to: 0..<line.count)
        return line[range].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }
}
