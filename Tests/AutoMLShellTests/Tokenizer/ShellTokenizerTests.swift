import Testing

@testable import AutoMLShell

/// The texts of each command's words, for compact expectations.
private func texts(_ input: String) throws -> [[String]] {
    try ShellTokenizer.tokenize(input).map(\.texts)
}

@Suite("ShellTokenizer: words and commands")
struct ShellTokenizerTests {
    @Test func splitsWordsOnSpacesAndTabs() throws {
        #expect(try texts("use  dataset\tICN123") == [["use", "dataset", "ICN123"]])
        #expect(try texts("   models   ") == [["models"]])
    }

    @Test func emptyInputHasNoCommands() throws {
        #expect(try texts("") == [])
        #expect(try texts("   \t ") == [])
        #expect(try texts(";;\n\n ; ") == [])
    }

    @Test func semicolonsAndNewlinesSeparateCommands() throws {
        #expect(
            try texts("use dataset D1; models;datasets\ncontext") == [
                ["use", "dataset", "D1"], ["models"], ["datasets"], ["context"],
            ])
    }

    @Test func carriageReturnsAreSpaces() throws {
        #expect(try texts("models\r\ndatasets\r\n") == [["models"], ["datasets"]])
    }

    @Test func singleQuotesAreLiteral() throws {
        #expect(try texts(#"echo 'a b;c # $x \n "q"'"#) == [["echo", #"a b;c # $x \n "q""#]])
    }

    @Test func doubleQuotesAllowEscapedQuoteBackslashAndDollar() throws {
        #expect(try texts(#"x "say \"hi\" \\ \$5""#) == [["x", #"say "hi" \ $5"#]])
    }

    @Test func otherBackslashesInDoubleQuotesAreLiteral() throws {
        #expect(try texts(#"x "a\nb\'c""#) == [["x", #"a\nb\'c"#]])
    }

    @Test func backslashOutsideQuotesEscapesTheNextCharacter() throws {
        #expect(
            try texts(##"predict my\ photo.jpg a\;b \'q \#no"##) == [["predict", "my photo.jpg", "a;b", "'q", "#no"]])
    }

    @Test func backslashEscapesAWholeMultibyteCharacter() throws {
        let words = try ShellTokenizer.tokenize(#"a\é"#)[0].words
        #expect(words.map(\.text) == ["aé"])
        #expect(words[0].parts == [.init("a", .unquoted), .init("é", .escaped)])
    }

    @Test func backslashNewlineJoinsLines() throws {
        #expect(try texts("train --budget \\\n  24") == [["train", "--budget", "24"]])
        #expect(try texts("ab\\\ncd") == [["abcd"]])
    }

    @Test func adjacentQuotedPartsMakeOneWord() throws {
        let word = try ShellTokenizer.tokenize(#"a'b'"c"d"#)[0].words[0]
        #expect(word.text == "abcd")
        #expect(
            word.parts == [
                .init("a", .unquoted), .init("b", .singleQuoted), .init("c", .doubleQuoted), .init("d", .unquoted),
            ])
    }

    @Test func emptyQuotesMakeAnEmptyWord() throws {
        #expect(try texts(#"set name '' """#) == [["set", "name", "", ""]])
        #expect(try ShellTokenizer.tokenize("x ''")[0].words[1].isQuoted)
    }

    @Test func hashAtTheStartOfAWordStartsAComment() throws {
        #expect(try texts("models # list them; datasets\ncontext") == [["models"], ["context"]])
        #expect(try texts("# a whole line\nmodels") == [["models"]])
        #expect(try texts("label a#b '#c' \"#d\"") == [["label", "a#b", "#c", "#d"]])
    }

    @Test func commandsKnowTheirSourceAndLine() throws {
        let commands = try ShellTokenizer.tokenize("  use dataset 'my set' # pick\n\nmodels; train --budget 8 ")
        #expect(commands.map(\.source) == ["use dataset 'my set'", "models", "train --budget 8"])
        #expect(commands.map(\.line) == [1, 3, 3])
    }

    @Test func lineNumbersCountNewlinesInsideQuotesAndContinuations() throws {
        let commands = try ShellTokenizer.tokenize("a 'x\ny'\nb \\\nc\nd")
        #expect(commands.map(\.texts) == [["a", "x\ny"], ["b", "c"], ["d"]])
        #expect(commands.map(\.line) == [1, 3, 5])
    }

    @Test func wordsKnowTheirUTF8Ranges() throws {
        let words = try ShellTokenizer.tokenize(#"use dataset "été 1" x"#)[0].words
        #expect(words.map(\.utf8Range) == [0..<3, 4..<11, 12..<21, 22..<23])
    }
}

@Suite("ShellTokenizer: syntax errors")
struct ShellTokenizerErrorTests {
    private func error(_ input: String) -> ShellSyntaxError? {
        do {
            _ = try ShellTokenizer.tokenize(input)
            return nil
        } catch {
            return error
        }
    }

    @Test func unterminatedDoubleQuoteGivesItsColumn() {
        let error = error(#"use dataset "my set"#)
        #expect(error == ShellSyntaxError(code: .unterminatedDoubleQuote, line: 1, column: 13, utf8Offset: 12))
        #expect(error?.description == "unterminated double quote at column 13")
        #expect(error?.isIncomplete == true)
    }

    @Test func unterminatedSingleQuoteCountsCharactersNotBytes() {
        let error = error("predict été 'x")
        #expect(error?.code == .unterminatedSingleQuote)
        #expect(error?.column == 13)
        #expect(error?.utf8Offset == 14)
    }

    @Test func errorsPastTheFirstLineNameTheLine() {
        let error = error("models\ndatasets\n  dataset get \"x")
        #expect(error?.line == 3)
        #expect(error?.column == 15)
        #expect(error?.description == "unterminated double quote at line 3, column 15")
    }

    @Test func aQuoteInsideTheOtherKindIsNotAnError() throws {
        #expect(try texts(#"x "it's" 'say "hi"'"#) == [["x", "it's", #"say "hi""#]])
    }

    @Test func trailingBackslashIsAnError() {
        #expect(error(#"models \"#)?.code == .danglingBackslash)
        #expect(error(#"models "a\"#)?.code == .danglingBackslash)
        #expect(error(#"models \"#)?.description == "backslash at the end of the input at column 8")
    }

    @Test func aQuoteInACommentIsIgnored() throws {
        #expect(try texts("models # it's fine") == [["models"]])
    }

    /// Found by the tokenizer fuzz target: a quote followed by a combining mark is one Character, not equal to the
    /// quote, so quoting by characters left it bare and the word did not read back.
    @Test(arguments: ["a'\u{0301}b", "a\"\u{0321}b", "#\u{0301}x", "\\\u{0301}", "$\u{0301}x", ";\u{0301}"])
    func quotingReadsBackWithCombiningMarksAfterSpecialCharacters(text: String) throws {
        for style in [ShellQuoting.Style.minimal, .single, .double] {
            #expect(try texts(ShellQuoting.quote(text, style: style)) == [[text]], "\(style)")
        }
    }
}
