/// Splits shell input into commands and words. Pure: no state, no I/O.
///
/// The rules, close to POSIX sh:
/// - Commands are separated by newlines and unquoted `;`. Empty commands (blank lines, `;;`, comment-only
///   lines) are dropped.
/// - Words are separated by spaces and tabs (a carriage return counts as a space, for CRLF transcripts).
/// - `'…'` is literal: no escapes, no variables.
/// - `"…"` allows `\"`, `\\` and `\$`; any other backslash in it is literal; `$` references expand.
/// - A backslash outside quotes makes the next character literal; a backslash before a newline joins lines.
/// - `#` at the start of a word starts a comment to the end of the line (`a#b` is one word).
///
/// Variables (`$dataset`, `$last.name`) are not expanded here: each ``ShellWord`` keeps the quoting of its
/// parts, and ``VariableExpander`` expands them afterwards, so an expanded value is always one word.
package enum ShellTokenizer {
    /// Splits a whole input (a line, a `-c` argument, or a transcript file) into commands.
    ///
    /// - Throws: ``ShellSyntaxError`` for an unterminated quote or a trailing backslash, with the position of
    ///   the quote or backslash.
    package static func tokenize(_ text: String) throws(ShellSyntaxError) -> [TokenizedCommand] {
        var scanner = ShellScanner(text)
        scanner.scan(upTo: scanner.bytes.count)
        let code: ShellSyntaxError.Code
        let offset: Int
        switch scanner.mode {
        case .normal, .comment:
            scanner.finish(at: scanner.bytes.count)
            return scanner.commands
        case .singleQuote(let start):
            (code, offset) = (.unterminatedSingleQuote, start)
        case .doubleQuote(let start):
            (code, offset) = (.unterminatedDoubleQuote, start)
        case .danglingBackslash(let start, _):
            (code, offset) = (.danglingBackslash, start)
        }
        let position = scanner.position(of: offset)
        throw ShellSyntaxError(code: code, line: position.line, column: position.column, utf8Offset: offset)
    }

    /// Reads a line being edited, up to the cursor, the way Tab completion needs it.
    ///
    /// Only the text before the cursor is read, and only the command the cursor is in (the text after the last
    /// unquoted `;` before it). An open quote or a trailing backslash is not an error here: it is where the
    /// user is typing.
    ///
    /// ```swift
    /// let tokens = ShellTokenizer.tokenizeForCompletion(line: "use dataset flo", cursorUTF8Offset: 15)
    /// // tokens.words.map(\.text) == ["use", "dataset", "flo"], tokens.currentWordIndex == 2,
    /// // tokens.currentWordPrefix == "flo", tokens.replaceStart == 12
    /// let after = ShellTokenizer.tokenizeForCompletion(line: "use dataset ", cursorUTF8Offset: 12)
    /// // after.words.map(\.text) == ["use", "dataset"], after.currentWordIndex == nil,
    /// // after.currentWordPrefix == "", after.replaceStart == 12
    /// ```
    ///
    /// - Parameters:
    ///   - line: The whole line in the editor.
    ///   - cursorUTF8Offset: The cursor as a UTF-8 byte offset into `line`, as libedit gives it. It is clamped
    ///     to the line, and moved back to a character boundary if it falls inside a character.
    package static func tokenizeForCompletion(line: String, cursorUTF8Offset: Int) -> CompletionTokens {
        var scanner = ShellScanner(line)
        var cursor = min(max(cursorUTF8Offset, 0), scanner.bytes.count)
        while cursor > 0, cursor < scanner.bytes.count, scanner.bytes[cursor] & 0xC0 == 0x80 { cursor -= 1 }
        scanner.scan(upTo: cursor)

        var words = scanner.words
        let openQuote: ShellWord.Quoting?
        switch scanner.mode {
        case .singleQuote: openQuote = .singleQuoted
        case .doubleQuote, .danglingBackslash(_, inDoubleQuote: true): openQuote = .doubleQuoted
        case .normal, .danglingBackslash: openQuote = nil
        case .comment:
            return CompletionTokens(
                words: words, currentWordIndex: nil, replaceStart: cursor, cursor: cursor,
                openQuote: nil, isInComment: true)
        }
        guard let current = scanner.word else {
            return CompletionTokens(
                words: words, currentWordIndex: nil, replaceStart: cursor, cursor: cursor,
                openQuote: nil, isInComment: false)
        }
        words.append(current.build(end: cursor))
        return CompletionTokens(
            words: words, currentWordIndex: words.count - 1, replaceStart: current.start,
            cursor: cursor, openQuote: openQuote, isInComment: false)
    }
}
