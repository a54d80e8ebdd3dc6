/// The character-level reading both filter grammars share (``FilterParser`` for AutoML v1, ``VertexFilterParser`` for
/// Vertex AI): a cursor over the filter, blanks, quoted and bare values, and the token to quote in a message.
///
/// The filter is read one Unicode scalar at a time, each its own `Character`, so that a value never merges with the
/// quote after it into one grapheme (a prepended mark such as U+0600 would), which would keep a canonical `"؀"` from
/// reading back.
struct FilterScanner {
    let characters: [Character]
    var position = 0

    init(_ text: String) {
        characters = text.unicodeScalars.map(Character.init)
    }

    var atEnd: Bool { position >= characters.count }

    var peek: Character? { atEnd ? nil : characters[position] }

    /// Whether the text at the cursor starts with `prefix`, scalar by scalar (a `=` followed by a combining mark is
    /// still a `=`).
    func isLooking(at prefix: String) -> Bool {
        characters[position...].starts(with: prefix.unicodeScalars.map(Character.init))
    }

    mutating func skipWhitespace() {
        while let character = peek, character.isWhitespace { position += 1 }
    }

    /// A string between two of the quote the cursor is on, with backslash escapes (`\"`, `\\`); when the filter ends
    /// before the closing quote, the error `failure` makes of the problem.
    mutating func readQuoted(failing failure: (String) -> FilterError) throws(FilterError) -> String {
        let start = position
        guard let value = readQuotedValue() else { throw failure("unterminated quoted value " + text(from: start)) }
        return value
    }

    private mutating func readQuotedValue() -> String? {
        guard let quote = peek else { return nil }
        position += 1
        var value = ""
        while let character = peek {
            position += 1
            if character == quote { return value }
            if character == "\\", let escaped = peek {
                value.append(escaped)
                position += 1
            } else {
                value.append(character)
            }
        }
        return nil
    }

    /// A value up to the next blank or parenthesis.
    mutating func readBare() -> String {
        var value = ""
        while let character = peek, !character.isWhitespace, character != "(", character != ")" {
            value.append(character)
            position += 1
        }
        return value
    }

    /// The text from `start` to the end.
    func text(from start: Int) -> String {
        String(characters[start...])
    }

    /// The word at the cursor (leading blanks skipped), up to the next blank (at most 40 characters), to quote in a
    /// message.
    func token() -> String {
        let token = characters[position...].drop { $0.isWhitespace }.prefix { !$0.isWhitespace }
        return token.count > 40 ? String(token.prefix(40)) + "…" : String(token)
    }
}
