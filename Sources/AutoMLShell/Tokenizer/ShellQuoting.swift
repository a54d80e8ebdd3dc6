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
        // Scalars, not characters, in both: the tokenizer reads bytes, and a quote followed by a combining mark is
        // one character that is not equal to the quote.
        case .single:
            var result = "'"
            for scalar in text.unicodeScalars {
                if scalar == "'" { result += #"'\''"# } else { result.unicodeScalars.append(scalar) }
            }
            return result + "'"
        case .double:
            var result = "\""
            for scalar in text.unicodeScalars {
                if scalar == "\"" || scalar == "\\" || scalar == "$" { result.append("\\") }
                result.unicodeScalars.append(scalar)
            }
            return result + "\""
        }
    }

    /// Whether the text needs quotes: empty, or holding a character the tokenizer or expander treats specially.
    package static func needsQuoting(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return true }
        return first == "#" || text.unicodeScalars.contains { specialScalars.contains($0) || Character($0).isNewline }
    }

    /// Scalars, not characters (see `quote`): `'` followed by a combining mark must be quoted too.
    private static let specialScalars: Set<Unicode.Scalar> = [" ", "\t", "'", "\"", "\\", ";", "$"]
}
