internal import CLibEdit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads lines from a terminal with libedit: Emacs keys, history (Ctrl-P/Ctrl-N, persisted, without
/// duplicates, capped), Tab completion through a `Completer`, UTF-8 input, and redraw on resize.
///
/// The terminal is always put back as it was: libedit leaves editing mode after each line; at Ctrl-D,
/// `close()` and `deinit` end libedit and restore the settings saved at the start; and, with
/// `handlesSignals`, SIGTERM and SIGHUP restore them before the process exits with 128 + the signal.
/// Prefer `withLibEditLineReader(…)`, which closes the reader when its body ends, even by throwing.
///
/// Use it only when standard input and output are terminals (`TerminalCapabilities.interactive`); for
/// pipes and files use `PlainLineReader`, since libedit reads one byte per system call.
package final class LibEditLineReader: LineReader {
    /// The UTF-8 locale libedit needs to accept non-ASCII input (without it, `é` is silently dropped).
    /// Only `LC_CTYPE` is set: number formatting and the rest stay as they were.
    private static let localeIsUTF8: Bool = {
        _ = setlocale(LC_CTYPE, "")
        if isUTF8Codeset() { return true }
        _ = setlocale(LC_CTYPE, "C.UTF-8")
        return isUTF8Codeset()
    }()

    let editLine: OpaquePointer
    private let history: OpaquePointer
    private let inputFile: UnsafeMutablePointer<FILE>
    let outputFile: UnsafeMutablePointer<FILE>
    private let errorFile: UnsafeMutablePointer<FILE>
    /// Whether the FILE streams above were opened here (on duplicated descriptors) and must be closed.
    private let ownsFiles: Bool
    let inputDescriptor: Int32
    let outputDescriptor: Int32
    /// The terminal's settings before libedit touched them; nil when the input is not a terminal.
    private let savedSettings: termios?
    let handlesSignals: Bool
    private var exitHandlers: TerminalSignals.SavedActions?

    private let promptProvider: (() -> String)?
    /// The prompt libedit shows, kept alive as a C string until it changes (libedit keeps the pointer).
    private var promptText: UnsafeMutablePointer<CChar>?
    let completer: Completer?

    private var lineHistory: LineHistory
    private let historyFile: HistoryFile?
    private let mayRemember: @Sendable (String) -> Bool
    private let report: @Sendable (String) -> Void

    /// Bytes read from the terminal but not handed to libedit yet (a paste arrives in one read).
    var pendingInput: [UInt8] = []
    var pendingIndex = 0
    /// Whether no key of the line being read has reached libedit yet (see the NUL case in `readCharacter`).
    var atFirstKey = true
    private var isClosed = false

    /// Starts libedit on the given descriptors.
    ///
    /// - Parameters:
    ///   - input: Where keys are read (a terminal).
    ///   - output: Where the prompt, the line and completion lists are drawn.
    ///   - error: libedit's diagnostics.
    ///   - promptProvider: When set, asked for the prompt at each `readLine`, instead of its argument.
    ///   - completer: Answers Tab; nil makes Tab beep.
    ///   - historyPath: The history file (loaded now, saved after each remembered line); nil keeps the
    ///     history in memory only.
    ///   - historyCapacity: The most entries kept; the oldest go first.
    ///   - mayRemember: Whether a line may enter the history; lines it refuses are neither kept nor saved
    ///     (lines carrying tokens). Also applied to the saved history when it is loaded.
    ///   - terminalType: The terminfo name to use instead of `$TERM` (tests pin `vt100`).
    ///   - handlesSignals: Whether to install the signal handlers described above. They are process-wide,
    ///     so a test that runs several readers at once passes false.
    ///   - report: Where problems with the history file are reported (standard error in the shell).
    package init(
        input: Int32 = 0, output: Int32 = 1, error: Int32 = 2,
        promptProvider: (() -> String)? = nil,
        completer: Completer? = nil,
        historyPath: String? = nil,
        historyCapacity: Int = 1_000,
        mayRemember: @escaping @Sendable (String) -> Bool = { _ in true },
        terminalType: String? = nil,
        handlesSignals: Bool = true,
        report: @escaping @Sendable (String) -> Void = { _ in }
    ) throws {
        if !Self.localeIsUTF8 { report("warning: no UTF-8 locale; non-ASCII input may be lost") }
        var settings = termios()
        savedSettings = isatty(input) == 1 && tcgetattr(input, &settings) == 0 ? settings : nil
        inputDescriptor = input
        outputDescriptor = output

        let files = try Self.openFiles(input: input, output: output, error: error)
        func closeFiles() {
            if files.owned { [files.input, files.output, files.error].forEach { fclose($0) } }
        }
        guard let editLine = el_init("automl", files.input, files.output, files.error) else {
            closeFiles()
            throw ShellError("cannot start the line editor (libedit)")
        }
        guard let history = history_init() else {
            el_end(editLine)
            closeFiles()
            throw ShellError("cannot start the line editor's history (libedit)")
        }
        (inputFile, outputFile, errorFile, ownsFiles) = files
        self.editLine = editLine
        self.history = history
        self.handlesSignals = handlesSignals
        self.promptProvider = promptProvider
        self.completer = completer
        self.historyFile = historyPath.map(HistoryFile.init)
        self.mayRemember = mayRemember
        self.report = report

        var loaded: [String] = []
        if let historyFile {
            do { loaded = try historyFile.load().filter(mayRemember) } catch { report("warning: \(error)") }
        }
        lineHistory = LineHistory(entries: loaded, capacity: historyCapacity)

        configure(terminalType: terminalType, historyCapacity: historyCapacity)
        if handlesSignals, let savedSettings {
            TerminalSignals.armTerminalRestore(descriptor: input, settings: savedSettings)
            exitHandlers = TerminalSignals.installExitHandlers()
        }
    }

    deinit {
        close()
    }

    /// Ends libedit and puts the terminal back as it was at the start. Later reads give `.endOfInput`.
    /// Safe to call more than once.
    package func close() {
        guard !isClosed else { return }
        isClosed = true
        el_end(editLine)
        history_end(history)
        if var savedSettings { _ = tcsetattr(inputDescriptor, TCSANOW, &savedSettings) }
        exitHandlers?.restore()
        exitHandlers = nil
        if ownsFiles {
            fclose(inputFile)
            fclose(outputFile)
            fclose(errorFile)
        } else {
            fflush(outputFile)
        }
        free(promptText)
        promptText = nil
    }

    /// Shows `prompt` (or the provider's) and reads one line. Ctrl-C drops the line and gives `.interrupt`;
    /// Ctrl-D on an empty line, or the end of input, gives `.endOfInput` and closes the reader.
    package func readLine(prompt: String) -> LineEvent {
        guard !isClosed else { return .endOfInput }
        setPrompt(promptProvider?() ?? prompt)
        let readingHandlers = handlesSignals ? TerminalSignals.installReadingHandlers() : nil
        let signalMask = handlesSignals ? TerminalSignals.unblockOnThisThread() : nil
        defer {
            if let signalMask { TerminalSignals.restoreMask(signalMask) }
            readingHandlers?.restore()
        }
        // A Ctrl-C pressed between two prompts belongs to the command that was running then.
        if handlesSignals { _ = TerminalSignals.consume(TerminalSignals.interrupt) }

        var count: Int32 = 0
        atFirstKey = true
        guard let text = el_gets(editLine, &count) else {
            if handlesSignals, TerminalSignals.consume(TerminalSignals.interrupt) {
                pendingInput.removeAll()
                pendingIndex = 0
                write("^C\n")
                return .interrupt
            }
            // Ctrl-D leaves the cursor after the prompt; the next output starts on a line of its own.
            if savedSettings != nil { write("\n") }
            close()
            return .endOfInput
        }
        var bytes = Array(UnsafeRawBufferPointer(start: text, count: strlen(text)))
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        return .line(String(decoding: bytes, as: UTF8.self))
    }

    /// Remembers `line` as the newest history entry (moving an older copy to the end) and saves the
    /// history file, unless `mayRemember` refuses the line.
    package func addHistory(_ line: String) {
        guard !isClosed, mayRemember(line) else { return }
        switch lineHistory.add(line) {
        case .rejected, .unchanged:
            return
        case .appended:
            _ = automl_history_enter(history, line)
        case .moved:
            _ = automl_history_clear(history)
            for entry in lineHistory.entries { _ = automl_history_enter(history, entry) }
        }
        guard let historyFile else { return }
        do {
            try historyFile.save(lineHistory.entries)
        } catch {
            report("warning: could not save the history to \(historyFile.path): \(error)")
        }
    }

    /// The history, oldest first (what the `history` command shows).
    package var historyEntries: [String] { lineHistory.entries }

    // MARK: - Set-up

    private static func openFiles(input: Int32, output: Int32, error: Int32) throws
        -> (
            input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>,
            error: UnsafeMutablePointer<FILE>, owned: Bool
        )
    {
        // The process's own streams keep their buffers shared with the rest of the program, so the
        // prompt never overtakes text the shell has written but not flushed.
        if input == 0, output == 1, error == 2, let stdin = automl_stdin(), let stdout = automl_stdout(),
            let stderr = automl_stderr()
        {
            return (stdin, stdout, stderr, false)
        }
        // Other descriptors (a pseudo-terminal in tests) get streams of their own on duplicates, so
        // closing the streams leaves the caller's descriptors open.
        var opened: [UnsafeMutablePointer<FILE>] = []
        for (descriptor, mode) in [(input, "r"), (output, "w"), (error, "w")] {
            let copy = dup(descriptor)
            guard copy >= 0, let file = fdopen(copy, mode) else {
                if copy >= 0 { closeDescriptor(copy) }
                opened.forEach { fclose($0) }
                throw ShellError("cannot open descriptor \(descriptor) for the line editor")
            }
            opened.append(file)
        }
        return (opened[0], opened[1], opened[2], true)
    }

    private func configure(terminalType: String?, historyCapacity: Int) {
        if let terminalType { _ = automl_el_set_terminal(editLine, terminalType) }
        _ = automl_el_set_editor(editLine, "emacs")
        // libedit's own handlers re-raise the signal to the whole process group; ours are in
        // TerminalSignals.
        _ = automl_el_set_signal(editLine, 0)
        _ = automl_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        _ = automl_el_set_prompt(
            editLine,
            { editLine in
                guard let editLine, let reader = LibEditLineReader.reader(of: editLine) else { return nil }
                return reader.promptText
            }, Self.literalMark)
        _ = automl_el_set_reader(
            editLine,
            { editLine, character in
                guard let editLine, let character, let reader = LibEditLineReader.reader(of: editLine) else {
                    return -1
                }
                return reader.readCharacter(into: character)
            })
        _ = automl_el_addfn(
            editLine, "automl-complete", "Complete the word at the cursor",
            { editLine, _ in
                guard let editLine, let reader = LibEditLineReader.reader(of: editLine) else { return UInt8(CC_ERROR) }
                return reader.complete()
            })
        _ = automl_el_bind(editLine, "^I", "automl-complete")
        // Ctrl-R searches the history backwards as the user types (libedit's emacs map has it redraw the line).
        _ = automl_el_bind(editLine, "^R", "em-inc-search-prev")
        // The user's ~/.editrc (or $EDITRC) last, so its bindings win.
        _ = el_source(editLine, nil)

        _ = automl_history_set_size(history, Int32(clamping: max(historyCapacity, 1)))
        _ = automl_history_set_unique(history, 1)
        for entry in lineHistory.entries { _ = automl_history_enter(history, entry) }
        _ = automl_el_set_history(editLine, history)
    }

    /// The reader that `configure` stored in libedit's client data.
    static func reader(of editLine: OpaquePointer) -> LibEditLineReader? {
        guard let pointer = automl_el_get_clientdata(editLine) else { return nil }
        return Unmanaged<LibEditLineReader>.fromOpaque(pointer).takeUnretainedValue()
    }

    // MARK: - Prompt

    /// The character that brackets prompt text taking no room on screen.
    static let literalMark: CChar = 1

    private func setPrompt(_ prompt: String) {
        free(promptText)
        promptText = strdup(Self.markingEscapes(in: prompt))
    }

    /// Brackets each escape sequence (`ESC [ … final`) with the literal mark, so libedit does not count
    /// colour codes as columns when it places the cursor.
    static func markingEscapes(in prompt: String) -> String {
        let mark = Unicode.Scalar(UInt8(literalMark))
        var result = String.UnicodeScalarView()
        var scalars = prompt.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else {
                result.append(scalar)
                continue
            }
            result.append(mark)
            result.append(scalar)
            if let next = scalars.next() {
                result.append(next)
                // A CSI sequence runs to its final byte (@ to ~); other escapes are two characters.
                if next == "[" {
                    while let part = scalars.next() {
                        result.append(part)
                        if ("@"..."~").contains(part) { break }
                    }
                }
            }
            result.append(mark)
        }
        return String(result)
    }
}

private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}

private func isUTF8Codeset() -> Bool {
    guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
    let name = String(cString: codeset).lowercased()
    return name == "utf-8" || name == "utf8"
}
