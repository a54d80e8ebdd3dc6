/// What reading a line gave.
package enum LineEvent: Sendable, Equatable {
    /// A line, without its newline.
    case line(String)
    /// Ctrl-C at the prompt: the line is dropped and the shell prompts again.
    case interrupt
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// Reads the shell's input a line at a time: libedit on a terminal, plain reads from a pipe, a script in
/// tests. End of input and Ctrl-C are events, not errors.
package protocol LineReader: AnyObject {
    /// Shows `prompt` (when interactive) and reads one line.
    func readLine(prompt: String) -> LineEvent
    /// Remembers a line in the history (interactive readers only; others ignore it).
    func addHistory(_ line: String)
}

/// Tab completion as the line editor asks for it: the line so far and the cursor, as UTF-8 byte offsets.
package typealias Completer = @Sendable (_ line: String, _ cursorUTF8Offset: Int) -> CompletionResult

/// The answer to a Tab press.
package struct CompletionResult: Sendable, Equatable {
    /// The UTF-8 byte range of the line that the chosen candidate replaces (the word being completed).
    package var replaceStart: Int
    package var replaceEnd: Int
    /// The candidates, sorted; empty when nothing matches.
    package var candidates: [CompletionCandidate]

    package init(replaceStart: Int, replaceEnd: Int, candidates: [CompletionCandidate]) {
        self.replaceStart = replaceStart
        self.replaceEnd = replaceEnd
        self.candidates = candidates
    }

    /// Nothing to offer.
    package static func none(at cursor: Int) -> CompletionResult {
        CompletionResult(replaceStart: cursor, replaceEnd: cursor, candidates: [])
    }

    /// The longest text every candidate's insertion starts with (what Tab inserts when several match).
    package var commonPrefix: String {
        guard var prefix = candidates.first?.insertion else { return "" }
        for candidate in candidates.dropFirst() {
            while !candidate.insertion.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}

/// One completion: what goes into the line, and how it is listed when several match.
package struct CompletionCandidate: Sendable, Hashable {
    /// The text that replaces the word.
    package var insertion: String
    /// What the list shows, such as `ICN1234…  flowers_v2`; the insertion when nil.
    package var display: String?
    /// Whether a space follows when this is the only candidate (not for `value(` or a folder).
    package var appendsSpace: Bool

    package init(_ insertion: String, display: String? = nil, appendsSpace: Bool = true) {
        self.insertion = insertion
        self.display = display
        self.appendsSpace = appendsSpace
    }
}
