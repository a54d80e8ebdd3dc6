import Testing

@testable import AutoMLShell

/// Tokenizes for completion with the cursor where `|` is in `marked` (the marker is removed).
private func tokens(_ marked: String) -> CompletionTokens {
    let cursor = marked.utf8.prefix { $0 != UInt8(ascii: "|") }.count
    return ShellTokenizer.tokenizeForCompletion(line: marked.replacing("|", with: ""), cursorUTF8Offset: cursor)
}

@Suite("ShellTokenizer: completion")
struct CompletionTokensTests {
    @Test func inAWord() {
        let result = tokens("use dataset flo|")
        #expect(result.words.map(\.text) == ["use", "dataset", "flo"])
        #expect(result.currentWordIndex == 2)
        #expect(result.currentWordPrefix == "flo")
        #expect(result.replaceStart == 12)
        #expect(result.cursor == 15)
        #expect(result.precedingWords.map(\.text) == ["use", "dataset"])
    }

    @Test func afterWhitespace() {
        let result = tokens("use dataset |")
        #expect(result.words.map(\.text) == ["use", "dataset"])
        #expect(result.currentWordIndex == nil)
        #expect(result.currentWordPrefix == "")
        #expect(result.replaceStart == 12)
        #expect(result.precedingWords.map(\.text) == ["use", "dataset"])
    }

    @Test func emptyLine() {
        let result = tokens("|")
        #expect(result.words.isEmpty)
        #expect(result.currentWordIndex == nil)
        #expect(result.replaceStart == 0)
    }

    @Test func firstWord() {
        let result = tokens("mod|")
        #expect(result.currentWordIndex == 0)
        #expect(result.currentWordPrefix == "mod")
        #expect(result.replaceStart == 0)
    }

    @Test func onlyTheTextBeforeTheCursorCounts() {
        let result = tokens("use data|set ICN1 --x")
        #expect(result.words.map(\.text) == ["use", "data"])
        #expect(result.currentWordPrefix == "data")
        #expect(result.replaceStart == 4)
        #expect(result.cursor == 8)
    }

    @Test func onlyTheCommandUnderTheCursorCounts() {
        let result = tokens("use dataset D1; model get |")
        #expect(result.words.map(\.text) == ["model", "get"])
        #expect(result.replaceStart == 26)
    }

    @Test func openDoubleQuote() {
        let result = tokens(#"use dataset "my fl|"#)
        #expect(result.currentWordPrefix == "my fl")
        #expect(result.replaceStart == 12)
        #expect(result.openQuote == .doubleQuoted)
        #expect(result.insertionText(for: "my flowers") == #""my flowers""#)
    }

    @Test func openSingleQuote() {
        let result = tokens("predict 'a b|")
        #expect(result.currentWordPrefix == "a b")
        #expect(result.openQuote == .singleQuoted)
        #expect(result.insertionText(for: "a b's.jpg") == #"'a b'\''s.jpg'"#)
    }

    @Test func escapedSpaceStaysInTheWord() {
        let result = tokens(#"predict my\ ph|"#)
        #expect(result.currentWordPrefix == "my ph")
        #expect(result.replaceStart == 8)
        #expect(result.openQuote == nil)
        #expect(result.insertionText(for: "my photo.jpg") == "'my photo.jpg'")
        #expect(result.insertionText(for: "flowers_v2") == "flowers_v2")
    }

    @Test func trailingBackslashIsNotPartOfThePrefix() {
        let result = tokens(#"predict my\|"#)
        #expect(result.currentWordPrefix == "my")
        #expect(result.replaceStart == 8)
    }

    @Test func closedQuoteThenWhitespaceStartsANewWord() {
        let result = tokens(#"use dataset "a b" |"#)
        #expect(result.words.map(\.text) == ["use", "dataset", "a b"])
        #expect(result.currentWordIndex == nil)
        #expect(result.replaceStart == 18)
    }

    @Test func insideAComment() {
        let result = tokens("models # some|")
        #expect(result.isInComment)
        #expect(result.currentWordIndex == nil)
        #expect(result.words.map(\.text) == ["models"])
    }

    @Test func cursorIsClampedToTheLineAndToACharacterBoundary() {
        let past = ShellTokenizer.tokenizeForCompletion(line: "models", cursorUTF8Offset: 99)
        #expect(past.cursor == 6)
        #expect(past.currentWordPrefix == "models")
        let negative = ShellTokenizer.tokenizeForCompletion(line: "models", cursorUTF8Offset: -3)
        #expect(negative.cursor == 0)
        // "é" is two bytes; offset 5 falls between them and moves back to 4.
        let inside = ShellTokenizer.tokenizeForCompletion(line: "use é", cursorUTF8Offset: 5)
        #expect(inside.cursor == 4)
        #expect(inside.currentWordIndex == nil)
    }

    @Test func multibyteOffsetsAreBytes() {
        let result = tokens("use dataset été_|")
        #expect(result.replaceStart == 12)
        #expect(result.cursor == 18)
        #expect(result.currentWordPrefix == "été_")
    }
}

@Suite("ShellQuoting")
struct ShellQuotingTests {
    @Test func quotesOnlyWhenNeeded() {
        #expect(ShellQuoting.quote("flowers_v2") == "flowers_v2")
        #expect(ShellQuoting.quote("gs://bucket/a.csv") == "gs://bucket/a.csv")
        #expect(ShellQuoting.quote("a#b") == "a#b")
        #expect(ShellQuoting.quote("") == "''")
        #expect(ShellQuoting.quote("#x") == "'#x'")
        #expect(ShellQuoting.quote("my photo.jpg") == "'my photo.jpg'")
        #expect(ShellQuoting.quote("$dataset") == "'$dataset'")
    }

    @Test(arguments: [
        "plain", "two words", "it's", #"say "hi""#, #"back\slash"#, "$HOME and $$", "semi;colon", "#hash", "",
        "tab\there", "new\nline", "été",
    ])
    func everyStyleReadsBackAsTheSameText(text: String) throws {
        for style in [ShellQuoting.Style.minimal, .single, .double] {
            let quoted = ShellQuoting.quote(text, style: style)
            let words = try ShellTokenizer.tokenize("x " + quoted)[0].words
            #expect(words.count == 2)
            #expect(words[1].text == text)
            // Nothing in a quoted word expands.
            let expanded = try VariableExpander(context: SessionContext(dataset: "D")).expand(words[1])
            #expect(expanded == text)
        }
    }
}
