/// One command of the input: its words, and the text it was written as.
package struct TokenizedCommand: Sendable, Hashable {
    /// The words, at least one.
    package var words: [ShellWord]
    /// The command as typed, from the start of its first word to the end of its last (no separator, no comment),
    /// for history and transcripts.
    package var source: String
    /// The 1-based line of the input the command starts on, for errors in a transcript.
    package var line: Int

    package init(words: [ShellWord], source: String, line: Int) {
        self.words = words
        self.source = source
        self.line = line
    }

    /// The words' texts with quotes removed and no variables expanded.
    package var texts: [String] { words.map(\.text) }
}
