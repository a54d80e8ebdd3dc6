import Foundation
import Synchronization
import Testing

@testable import AutoMLShell

#if canImport(Glibc)
    import Glibc
#endif

/// The libedit reader driven through a pseudo-terminal with TERM pinned to vt100: keys in, lines out.
///
/// Ctrl-C is not typed here: through a pty it sends SIGINT to the foreground process group, which would
/// be the test runner. `LibEditSignalTests` covers the interrupt path with a thread-directed signal, and
/// the shell's end-to-end tests type a real Ctrl-C under tmux.
@Suite struct LibEditLineReaderTests {
    /// Completes the word before the cursor from a fixed list; each candidate's display adds " (d)".
    static let words = ["models", "dataset", "datasets", "日本語", "value("]
    static let completer: Completer = { line, cursor in
        let before = Array(line.utf8.prefix(cursor))
        let start = before.lastIndex(of: 0x20).map { $0 + 1 } ?? 0
        let word = String(decoding: before[start...], as: UTF8.self)
        let matches = words.filter { $0.hasPrefix(word) }.map {
            CompletionCandidate($0, display: "\($0) (d)", appendsSpace: !$0.hasSuffix("("))
        }
        return CompletionResult(replaceStart: start, replaceEnd: cursor, candidates: matches)
    }

    @Test func typingALineReturnsIt() throws {
        let session = try EditorSession()
        #expect(session.type("models\r") == .line("models"))
        #expect(session.type("use dataset ICN1\r") == .line("use dataset ICN1"))
        #expect(session.type("\r") == .line(""))
        #expect(session.terminal.text.contains(EditorSession.prompt))
        session.finish()
    }

    @Test func emacsKeysEditTheLine() throws {
        let session = try EditorSession()
        // Ctrl-A to the start, Ctrl-E to the end.
        #expect(session.type("cd\u{1}ab\u{5}ef\r") == .line("abcdef"))
        // Ctrl-K cuts from the cursor to the end (after Ctrl-A and four Ctrl-F).
        #expect(session.type("keepdrop\u{1}\u{6}\u{6}\u{6}\u{6}\u{B}\r") == .line("keep"))
        // Ctrl-B back over a character, Ctrl-D deletes the one under the cursor, Ctrl-H the one before.
        #expect(session.type("abXc\u{2}\u{2}\u{4}\r") == .line("abc"))
        #expect(session.type("abcc\u{8}\r") == .line("abc"))
        session.finish()
    }

    @Test func utf8InputRoundTrips() throws {
        let session = try EditorSession()
        #expect(session.type("é\r") == .line("é"))
        #expect(session.type("日本 café\r") == .line("日本 café"))
        // Editing moves by characters, not bytes.
        #expect(session.type("日本\u{2}x\r") == .line("日x本"))
        session.finish()
    }

    @Test func tabWithOneCandidateCompletesTheWord() throws {
        let session = try EditorSession(completer: Self.completer)
        #expect(session.type("mo\t\r") == .line("models "))
        #expect(session.type("use 日\t\r") == .line("use 日本語 "))
        #expect(session.type("set format val\t\r") == .line("set format value("))
        // In the middle of the line: the word before the cursor is completed, and the space that follows
        // is not doubled.
        #expect(session.type("mo --x\u{1}\u{6}\u{6}\t\r") == .line("models --x"))
        session.finish()
    }

    @Test func tabWithSeveralCandidatesInsertsThePrefixThenLists() throws {
        let session = try EditorSession(completer: Self.completer)
        #expect(session.type("da\t\t\r") == .line("dataset"))
        // The output is drained on another thread: wait for it.
        #expect(waitUntil { session.terminal.text.contains("datasets (d)") })
        let output = session.terminal.text
        #expect(output.contains("dataset (d)"))
        // The prompt and the line are drawn again below the list.
        let afterList = output.components(separatedBy: "datasets (d)").last ?? ""
        #expect(afterList.contains(EditorSession.prompt + "dataset"))
        session.finish()
    }

    @Test func tabWithNothingToCompleteBeepsAndKeepsTheLine() throws {
        let session = try EditorSession(completer: Self.completer)
        #expect(session.type("zz\t\r") == .line("zz"))
        #expect(waitUntil { session.terminal.text.contains("\u{7}") })
        session.finish()
    }

    @Test func ctrlDOnAnEmptyLineEndsInputAndRestoresTheTerminal() throws {
        let session = try EditorSession()
        #expect(session.type("models\r") == .line("models"))
        #expect(session.type("\u{4}") == .endOfInput)
        // `finish` checks that the pty's settings are byte for byte what they were before.
        session.finish()
        #expect(!sameSettings(session.settingsBefore, termios()))
    }

    @Test func aCtrlDTypedBeforeEditingStartsStillEndsInput() throws {
        // Typed while the terminal is still canonical (libedit draws the prompt before it switches to raw mode),
        // Ctrl-D on an empty line is an end-of-file mark, which the raw mode then hands over as a NUL byte.
        let terminal = try PseudoTerminal()
        terminal.type("\u{4}x\r")
        let event = try withLibEditLineReader(
            input: terminal.secondary, output: terminal.secondary,
            error: terminal.secondary, terminalType: "vt100",
            handlesSignals: false
        ) { $0.readLine(prompt: "> ") }
        #expect(event == .endOfInput, "not a quoted insert of the next key")
        terminal.close()
        // Later in a line a NUL is Ctrl-@ / Ctrl-Space: dropped, neither Ctrl-D nor a quoted insert of the next key.
        let session = try EditorSession()
        #expect(session.type("ab\u{1}\u{0}\r") == .line("ab"))
        session.finish()
    }

    @Test func ctrlDInsideALineDeletesInsteadOfEnding() throws {
        let session = try EditorSession()
        #expect(session.type("ab\u{1}\u{4}\r") == .line("b"))
        session.finish()
    }

    @Test func historyIsRecalledSavedPrivatelyAndFiltered() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("automl-edit-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("history").path
        let noSecrets: @Sendable (String) -> Bool = { !$0.contains("token") }

        let session = try EditorSession(historyPath: path, mayRemember: noSecrets)
        #expect(session.type("first\r") == .line("first"))
        #expect(session.type("second\r") == .line("second"))
        #expect(session.type("first\r") == .line("first"))  // moves to the end
        #expect(session.type("set token abc\r") == .line("set token abc"))  // refused
        // Ctrl-P recalls the newest entry: not the refused line.
        #expect(session.type("\u{10}\r") == .line("first"))
        #expect(session.type("\u{10}\u{10}\r") == .line("second"))
        // Two entries now (first, second): a third Ctrl-P stays on the oldest.
        #expect(session.type("\u{10}\u{10}\u{10}\r") == .line("first"))
        session.finish()

        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\nfirst\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)

        // A new session loads it, and the cap drops the oldest.
        let next = try EditorSession(historyPath: path, historyCapacity: 2, mayRemember: noSecrets)
        #expect(next.type("\u{10}\r") == .line("first"))
        #expect(next.type("third\r") == .line("third"))
        next.finish()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first\nthird\n")
    }

    @Test func savedLinesThatTheFilterRefusesAreDroppedOnLoad() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("automl-edit-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("models\nauth token xyz\ndatasets\n".utf8).write(to: URL(fileURLWithPath: path))
        let session = try EditorSession(historyPath: path, mayRemember: { !$0.contains("token") })
        #expect(session.type("\u{10}\u{10}\r") == .line("models"))
        session.finish()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "datasets\nmodels\n")
    }

    @Test func closeIsIdempotentAndReadsAfterItEnd() throws {
        let terminal = try PseudoTerminal()
        let before = terminal.settings
        let reader = try LibEditLineReader(
            input: terminal.secondary, output: terminal.secondary,
            error: terminal.secondary, terminalType: "vt100", handlesSignals: false)
        reader.close()
        reader.close()
        #expect(reader.readLine(prompt: "> ") == .endOfInput)
        #expect(sameSettings(terminal.settings, before))
        terminal.close()
    }

    @Test func theScopedFormClosesWhenTheBodyThrows() throws {
        struct Boom: Error {}
        let terminal = try PseudoTerminal()
        let before = terminal.settings
        var escaped: LibEditLineReader?
        #expect(throws: Boom.self) {
            try withLibEditLineReader(
                input: terminal.secondary, output: terminal.secondary,
                error: terminal.secondary, terminalType: "vt100",
                handlesSignals: false
            ) { reader in
                escaped = reader
                throw Boom()
            }
        }
        #expect(escaped?.readLine(prompt: "> ") == .endOfInput)
        #expect(sameSettings(terminal.settings, before))
        terminal.close()
    }
}

/// The signal paths, with signals sent to the reader's thread only: SIGWINCH (whose default is to be
/// ignored, so a stray one can never end the test runner) redraws; the interrupt flag that the SIGINT
/// handler sets, followed by a SIGWINCH to wake the blocked read, gives `.interrupt`. These readers
/// install process-wide handlers, hence `.serialized`.
@Suite(.serialized) struct LibEditSignalTests {
    @Test func resizeRedrawsAndKeepsTheLine() throws {
        let session = try EditorSession(handlesSignals: true)
        #expect(waitUntil { session.terminal.isEditing })
        session.terminal.type("hel")
        #expect(waitUntil { session.terminal.text.contains("hel") })
        let thread = try #require(session.readerThread)
        let redrawn = waitUntil {
            pthread_kill(thread, SIGWINCH)
            return session.terminal.text.components(separatedBy: EditorSession.prompt).count > 2
        }
        #expect(redrawn)
        let count = session.eventCount
        session.terminal.type("lo\r")
        #expect(session.nextEvent(after: count) == .line("hello"))
        session.finish()
    }

    @Test func anInterruptDropsTheLine() throws {
        let session = try EditorSession(handlesSignals: true)
        #expect(waitUntil { session.terminal.isEditing })
        session.terminal.type("partial")
        #expect(waitUntil { session.terminal.text.contains("partial") })
        let thread = try #require(session.readerThread)
        pendingTerminalSignals.bitwiseOr(TerminalSignals.interrupt, ordering: .releasing)
        let interrupted = waitUntil {
            pthread_kill(thread, SIGWINCH)
            return session.eventCount > 0
        }
        #expect(interrupted)
        #expect(session.nextEvent(after: 0) == .interrupt)
        #expect(waitUntil { session.terminal.text.contains("^C") })
        #expect(session.type("next\r") == .line("next"))
        session.finish()
    }
}
