/// The command under the cursor, as Tab completion needs it; made by
/// ``ShellTokenizer/tokenizeForCompletion(line:cursorUTF8Offset:)``.
///
/// Two cases:
/// - The cursor is in a word (or right at its end, with no space after): ``currentWordIndex`` is that word's
///   index in ``words``, ``currentWordPrefix`` is its text so far (quotes removed), and a candidate replaces
///   the bytes `replaceStart..<cursor`, which span the word as typed, opening quote included.
/// - The cursor is after whitespace (or at the start of a command): ``currentWordIndex`` is nil, the prefix is
///   empty, and a candidate is inserted at the cursor (`replaceStart == cursor`).
///
/// Build a ``CompletionResult`` with `replaceStart` and `cursor` as its range, and each candidate's text
/// passed through ``insertionText(for:)`` so that a display name with a space stays one word.
package struct CompletionTokens: Sendable, Hashable {
    /// The words of the command the cursor is in, up to the cursor; the last one is the current word when
    /// ``currentWordIndex`` is not nil. Texts have quotes removed and variables unexpanded.
    package var words: [ShellWord]
    /// The index in ``words`` of the word being completed; nil when a new word would start at the cursor.
    package var currentWordIndex: Int?
    /// The UTF-8 offset where the text a candidate replaces starts: the current word's first byte (its opening
    /// quote, if any), or the cursor when there is no current word.
    package var replaceStart: Int
    /// The cursor, clamped to the line and to a character boundary: where the replaced text ends.
    package var cursor: Int
    /// The quote that is open at the cursor (``ShellWord/Quoting/singleQuoted`` or
    /// ``ShellWord/Quoting/doubleQuoted``), or nil.
    package var openQuote: ShellWord.Quoting?
    /// Whether the cursor is inside a `#` comment, where there is nothing to complete.
    package var isInComment: Bool

    package init(
        words: [ShellWord], currentWordIndex: Int?, replaceStart: Int, cursor: Int,
        openQuote: ShellWord.Quoting?, isInComment: Bool
    ) {
        self.words = words
        self.currentWordIndex = currentWordIndex
        self.replaceStart = replaceStart
        self.cursor = cursor
        self.openQuote = openQuote
        self.isInComment = isInComment
    }

    /// The current word's text up to the cursor, quotes and escapes removed; "" when there is no current word.
    package var currentWordPrefix: String {
        currentWordIndex.map { words[$0].text } ?? ""
    }

    /// The words before the one being completed (all of ``words`` when a new word starts at the cursor): what
    /// decides which candidates fit, such as `["use", "dataset"]`.
    package var precedingWords: [ShellWord] {
        currentWordIndex.map { Array(words[..<$0]) } ?? words
    }

    /// A candidate as it should replace `replaceStart..<cursor`: quoted the way the user started the word
    /// (an open `"` or `'` gives a closed quote of that kind), and otherwise quoted only when it has to be.
    package func insertionText(for candidate: String) -> String {
        switch openQuote {
        case .singleQuoted: ShellQuoting.quote(candidate, style: .single)
        case .doubleQuoted: ShellQuoting.quote(candidate, style: .double)
        default: ShellQuoting.quote(candidate)
        }
    }
}
