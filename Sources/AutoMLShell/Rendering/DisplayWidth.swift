/// How many terminal columns text takes: wide (East Asian) characters and emoji take two, combining marks, variation
/// selectors and joiners none, everything else one. A character (grapheme cluster) takes at most two, so an emoji
/// sequence joined by ZWJ counts as the one picture a terminal shows.
enum DisplayWidth {
    static func of(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        if character.isASCII { return 1 }
        if scalars.contains(where: { $0.properties.isEmojiPresentation || $0.value == 0xFE0F }) { return 2 }
        return min(2, scalars.reduce(0) { $0 + of($1) })
    }

    static func of(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        return isWide(scalar.value) ? 2 : 1
    }

    /// The East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth W and F, by block).
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The longest start of `text` that fits `width` columns.
    static func prefix(_ text: some StringProtocol, width: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            used += of(text[index])
            if used > width { break }
            end = text.index(after: index)
        }
        return Substring(text[..<end])
    }

    /// The longest end of `text` that fits `width` columns.
    static func suffix(_ text: some StringProtocol, width: Int) -> Substring {
        var used = 0
        var start = text.endIndex
        for index in text.indices.reversed() {
            used += of(text[index])
            if used > width { break }
            start = index
        }
        return Substring(text[start...])
    }
}
