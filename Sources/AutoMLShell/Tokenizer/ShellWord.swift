/// One word of a command, with the quoting of each of its parts and where it was in the input.
///
/// A word keeps its quoting so that variables expand after tokenizing (see ``VariableExpander``): text that was
/// unquoted or double-quoted expands, text that was single-quoted or backslash-escaped does not, and an
/// expanded value never splits into several words.
package struct ShellWord: Sendable, Hashable {
    /// How a part of a word was written.
    package enum Quoting: Sendable, Hashable {
        /// Plain text: `$` expands.
        case unquoted
        /// Inside `'…'`: literal.
        case singleQuoted
        /// Inside `"…"`: `$` expands.
        case doubleQuoted
        /// A character after a backslash (`\$`, `\ `, or `\"` inside double quotes): literal.
        case escaped
    }

    /// A run of the word's text written with one quoting.
    package struct Part: Sendable, Hashable {
        /// The text with quotes and escaping backslashes removed.
        package var text: String
        package var quoting: Quoting

        package init(_ text: String, _ quoting: Quoting) {
            self.text = text
            self.quoting = quoting
        }

        /// Whether `$` references in this part expand.
        package var expands: Bool { quoting == .unquoted || quoting == .doubleQuoted }
    }

    /// The parts in order; a word written `a'b'"c"` has three.
    package var parts: [Part]
    /// The UTF-8 byte range of the word in the tokenized input, quotes included.
    package var utf8Range: Range<Int>

    package init(parts: [Part], utf8Range: Range<Int>) {
        self.parts = parts
        self.utf8Range = utf8Range
    }

    /// The word's text with quotes removed and no variables expanded.
    package var text: String { parts.map(\.text).joined() }

    /// Whether any part was quoted or escaped, so that `''` is an empty word rather than none.
    package var isQuoted: Bool { parts.contains { $0.quoting != .unquoted } }
}
