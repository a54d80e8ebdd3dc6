/// One word of a command, with the quoting of each of its parts and where it was in the input.
///
/// A word keeps its quoting so that variables expand after tokenizing (see ``VariableExpander``): text that was
/// unquoted or double-quoted expands, text that was single-quoted or backslash-escaped does not, and an
/// expanded value never splits into several words.
public struct ShellWord: Sendable, Hashable {
    /// How a part of a word was written.
    public enum Quoting: Sendable, Hashable {
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
    public struct Part: Sendable, Hashable {
        /// The text with quotes and escaping backslashes removed.
        public var text: String
        public var quoting: Quoting

        public init(_ text: String, _ quoting: Quoting) {
            self.text = text
            self.quoting = quoting
        }

        /// Whether `$` references in this part expand.
        public var expands: Bool { quoting == .unquoted || quoting == .doubleQuoted }
    }

    /// The parts in order; a word written `a'b'"c"` has three.
    public var parts: [Part]
    /// The UTF-8 byte range of the word in the tokenized input, quotes included.
    public var utf8Range: Range<Int>

    public init(parts: [Part], utf8Range: Range<Int>) {
        self.parts = parts
        self.utf8Range = utf8Range
    }

    /// The word's text with quotes removed and no variables expanded.
    public var text: String { parts.map(\.text).joined() }

    /// Whether any part was quoted or escaped, so that `''` is an empty word rather than none.
    public var isQuoted: Bool { parts.contains { $0.quoting != .unquoted } }
}
