/// Input the tokenizer cannot split into words: an unterminated quote or a line that ends in a backslash.
///
/// Every such error means the input stopped too early, so an interactive reader may read another line, append
/// it after a newline, and tokenize again (see ``isIncomplete``).
package struct ShellSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. A struct rather than a closed enum so that new codes are not a breaking change.
    package struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case unterminatedSingleQuote, unterminatedDoubleQuote, danglingBackslash
        }

        private let value: Value

        /// A `'` with no closing `'`.
        package static let unterminatedSingleQuote = Code(value: .unterminatedSingleQuote)
        /// A `"` with no closing `"`.
        package static let unterminatedDoubleQuote = Code(value: .unterminatedDoubleQuote)
        /// A backslash with nothing after it.
        package static let danglingBackslash = Code(value: .danglingBackslash)

        package var description: String {
            switch value {
            case .unterminatedSingleQuote: "unterminated single quote"
            case .unterminatedDoubleQuote: "unterminated double quote"
            case .danglingBackslash: "backslash at the end of the input"
            }
        }
    }

    package var code: Code
    /// The 1-based line of the opening quote or the backslash.
    package var line: Int
    /// The 1-based column, in characters, of the opening quote or the backslash.
    package var column: Int
    /// The UTF-8 byte offset of the opening quote or the backslash in the input.
    package var utf8Offset: Int

    package init(code: Code, line: Int, column: Int, utf8Offset: Int) {
        self.code = code
        self.line = line
        self.column = column
        self.utf8Offset = utf8Offset
    }

    /// Whether more input could complete the command (always true today: every error is an early end).
    package var isIncomplete: Bool { true }

    /// Such as `unterminated double quote at column 12`, or `… at line 3, column 12` past the first line.
    package var description: String {
        line == 1 ? "\(code) at column \(column)" : "\(code) at line \(line), column \(column)"
    }
}
