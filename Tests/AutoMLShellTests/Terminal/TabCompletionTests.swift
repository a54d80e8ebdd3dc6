import Testing

@testable import AutoMLShell

/// What Tab does with the completer's answer, without a terminal: replace, list or beep.
@Suite struct TabCompletionTests {
    private func result(_ line: String, word: String, _ candidates: [CompletionCandidate]) -> CompletionResult {
        let end = line.utf8.count
        return CompletionResult(replaceStart: end - word.utf8.count, replaceEnd: end, candidates: candidates)
    }

    private func action(_ line: String, word: String, _ candidates: [CompletionCandidate]) -> TabAction {
        TabCompletion.action(for: result(line, word: word, candidates), line: Array(line.utf8))
    }

    @Test func noCandidateBeeps() {
        #expect(action("use dataset zz", word: "zz", []) == .beep)
    }

    @Test func oneCandidateReplacesTheWordAndAddsASpace() {
        #expect(
            action("mod", word: "mod", [CompletionCandidate("models")])
                == .replace(start: 0, end: 3, text: "models "))
        #expect(
            action("set format val", word: "val", [CompletionCandidate("value(", appendsSpace: false)])
                == .replace(start: 11, end: 14, text: "value("))
    }

    @Test func noSecondSpaceWhenOneFollows() {
        let line = Array("mod --x".utf8)
        let answer = CompletionResult(replaceStart: 0, replaceEnd: 3, candidates: [CompletionCandidate("models")])
        #expect(TabCompletion.action(for: answer, line: line) == .replace(start: 0, end: 3, text: "models"))
    }

    @Test func severalInsertTheirCommonPrefixThenList() {
        let candidates = [
            CompletionCandidate("dataset", display: "dataset  (one)"),
            CompletionCandidate("datasets", display: "datasets  (all)"),
        ]
        #expect(action("da", word: "da", candidates) == .replace(start: 0, end: 2, text: "dataset"))
        // The second Tab: nothing more to insert, so the list (display strings).
        #expect(action("dataset", word: "dataset", candidates) == .list(["dataset  (one)", "datasets  (all)"]))
    }

    @Test func displayOnlyCandidatesAreListedNeverInserted() {
        let candidates = [
            CompletionCandidate("ICN111"), CompletionCandidate("ICN222"),
            CompletionCandidate("", display: "… 120 more"),
        ]
        #expect(action("use model I", word: "I", candidates) == .replace(start: 10, end: 11, text: "ICN"))
        #expect(action("use model ICN", word: "ICN", candidates) == .list(["ICN111", "ICN222", "… 120 more"]))
        // One real candidate plus "more": not unique, so no space and no guess.
        let two = [CompletionCandidate("ICN111"), CompletionCandidate("", display: "… 3 more")]
        #expect(action("use model ICN111", word: "ICN111", two) == .list(["ICN111", "… 3 more"]))
    }

    @Test func aShorterOrUnrelatedPrefixNeverDeletesWhatWasTyped() {
        // Matched by display name: the IDs share less than the typed word.
        let candidates = [
            CompletionCandidate("ICN1", display: "ICN1  flowers"),
            CompletionCandidate("ICN2", display: "ICN2  flowers_v2"),
        ]
        #expect(
            action("use dataset flowers", word: "flowers", candidates)
                == .list(["ICN1  flowers", "ICN2  flowers_v2"]))
    }

    @Test func commonPrefixNeverCutsAUTF8Character() {
        // "é" (C3 A9) and "è" (C3 A8) share their first byte, not a character.
        #expect(TabCompletion.commonPrefix(of: ["café", "cafè"]) == "caf")
        #expect(TabCompletion.commonPrefix(of: ["日本語", "日本人"]) == "日本")
        #expect(TabCompletion.commonPrefix(of: ["abc"]) == "abc")
        #expect(TabCompletion.commonPrefix(of: []) == "")
    }

    @Test func charactersAreCountedAsLibeditCountsThem() {
        let line = Array("aé日x".utf8)  // 1 + 2 + 3 + 1 bytes
        #expect(TabCompletion.characterCount(line, 0..<line.count) == 4)
        #expect(TabCompletion.characterCount(line, 1..<6) == 2)
        #expect(TabCompletion.characterCount(line, 6..<99) == 1)
    }

    @Test func listsInColumnsTopToBottom() {
        let items = ["a", "bb", "ccc", "d", "e"]
        // Column width 5 (longest 3 + 2); 12 columns fit two.
        #expect(TabCompletion.columns(items, width: 12) == ["a    d", "bb   e", "ccc"])
        #expect(TabCompletion.columns(items, width: 80) == ["a    bb   ccc  d    e"])
        #expect(TabCompletion.columns(["long-name"], width: 4) == ["long-name"])
        #expect(TabCompletion.columns([], width: 80) == [])
    }

    @Test func wideCharactersTakeTwoColumns() {
        #expect(TabCompletion.displayWidth("abc") == 3)
        #expect(TabCompletion.displayWidth("日本") == 4)
        #expect(TabCompletion.displayWidth("e\u{301}") == 1)
        #expect(TabCompletion.columns(["日本", "ab"], width: 80) == ["日本  ab"])
    }

    @Test func promptEscapesAreMarkedAsTakingNoRoom() {
        let bold = "\u{1B}[1mautoml> \u{1B}[0m"
        #expect(LibEditLineReader.markingEscapes(in: bold) == "\u{1}\u{1B}[1m\u{1}automl> \u{1}\u{1B}[0m\u{1}")
        #expect(LibEditLineReader.markingEscapes(in: "plain> ") == "plain> ")
        #expect(LibEditLineReader.markingEscapes(in: "\u{1B}[38;5;208mx") == "\u{1}\u{1B}[38;5;208m\u{1}x")
    }
}
