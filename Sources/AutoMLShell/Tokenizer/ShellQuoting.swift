/// Writes a string as one shell word that tokenizes back to exactly that string, with no variable expanded:
/// for completion candidates and for commands written to transcripts.
package enum ShellQuoting {
    /// How to quote.
    package enum Style: Sendable, Hashable {
        /// Unquoted when safe, otherwise single quotes.
        case minimal
        /// Always `'…'` (a `'` inside is written `'\''`).
        case single
        /// Always `"…"` (with `\"`, `\\` and `\$` escaped).
        case double
    }

    /// Quotes `text` so that ``ShellTokenizer`` reads it back as one word with this exact text.
    package static func quote(_ text: String, style: Style = .minimal) -> String {
        switch style {
        case .minimal:
            return needsQuoting(text) ? quote(text, style: .single) : text
        case .single:
            return "'" + text.replacing("'", with: #"'\''"#) + "'"
        case .double:
            var result = "\""
            for character in text {
                if character == "\"" || character == "\\" || character == "$" { result.append("\\") }
                result.append(character)
            }
            return result + "\""
        }
    }

    /// Whether the text needs quotes: empty, or holding a character the tokenizer or expander treats specially.
    package static func needsQuoting(_ text: String) -> Bool {
        guard let first = text.first else { return true }
        return first == "#" || text.contains { specialCharacters.contains($0) || $0.isNewline }
    }

    private static let specialCharacters: Set<Character> = [" ", "\t", "'", "\"", "\\", ";", "$"]
}
