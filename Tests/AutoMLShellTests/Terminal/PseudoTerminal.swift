import Dispatch
import Foundation
import Synchronization
import Testing

@testable import AutoMLShell

#if canImport(Glibc)
    import Glibc
#endif

/// A pseudo-terminal for driving the line editor as a person would, the way LLDB's EditlineTest does:
/// the reader gets the secondary side; the test writes keys to the primary side and a thread drains
/// everything the reader draws.
final class PseudoTerminal: Sendable {
    let primary: Int32
    let secondary: Int32
    private let output = Mutex<[UInt8]>([])
    private let drained = DispatchSemaphore(value: 0)

    init(columns: UInt16 = 80, rows: UInt16 = 24) throws {
        var primary: Int32 = -1
        var secondary: Int32 = -1
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&primary, &secondary, nil, nil, &size) == 0 else {
            throw ShellError("openpty failed: \(String(cString: strerror(errno)))")
        }
        self.primary = primary
        self.secondary = secondary
        let thread = Thread { [self] in drain() }
        thread.start()
    }

    private func drain() {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(primary, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }  // EIO once every secondary descriptor is closed
            output.withLock { $0.append(contentsOf: chunk[0..<count]) }
        }
        drained.signal()
    }

    /// Everything drawn so far.
    var text: String { output.withLock { String(decoding: $0, as: UTF8.self) } }

    /// Types `keys` (written to the primary side as one chunk).
    func type(_ keys: String) {
        let bytes = Array(keys.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(primary, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// The secondary side's settings (what the reader must leave as it found them).
    var settings: termios {
        var settings = termios()
        _ = tcgetattr(secondary, &settings)
        return settings
    }

    /// Whether the line editor has the terminal in its editing mode (no canonical line discipline), that
    /// is, it is waiting for keys inside `el_gets`.
    var isEditing: Bool { settings.c_lflag & tcflag_t(ICANON) == 0 }

    /// Closes the secondary side (the reader must have closed its own copies) and waits for the drain.
    func close() {
        _ = Glibc.close(secondary)
        _ = drained.wait(timeout: .now() + 5)
        _ = Glibc.close(primary)
    }
}

/// Whether two terminal settings are the same, byte for byte.
func sameSettings(_ a: termios, _ b: termios) -> Bool {
    withUnsafeBytes(of: a) { a in withUnsafeBytes(of: b) { b in a.elementsEqual(b) } }
}

/// Polls `condition` every 2 ms for up to `timeout` seconds.
func waitUntil(timeout: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        usleep(2_000)
    }
    return condition()
}

/// A `LibEditLineReader` on a pseudo-terminal, reading lines on a thread of its own (and adding each to
/// its history) until the end of input, while the test types.
final class EditorSession: Sendable {
    let terminal: PseudoTerminal
    /// The pty's settings before the reader started.
    let settingsBefore: termios
    private let events = Mutex<[LineEvent]>([])
    private let failure = Mutex<String?>(nil)
    private let thread = Mutex<pthread_t?>(nil)
    private let finished = DispatchSemaphore(value: 0)
    static let prompt = "test> "

    init(
        completer: Completer? = nil, historyPath: String? = nil, historyCapacity: Int = 1_000,
        mayRemember: @escaping @Sendable (String) -> Bool = { _ in true }, handlesSignals: Bool = false
    ) throws {
        terminal = try PseudoTerminal()
        settingsBefore = terminal.settings
        let worker = Thread { [self, terminal] in
            thread.withLock { $0 = pthread_self() }
            do {
                try withLibEditLineReader(
                    input: terminal.secondary, output: terminal.secondary, error: terminal.secondary,
                    completer: completer, historyPath: historyPath, historyCapacity: historyCapacity,
                    mayRemember: mayRemember, terminalType: "vt100", handlesSignals: handlesSignals
                ) { reader in
                    while true {
                        let event = reader.readLine(prompt: Self.prompt)
                        if case .line(let line) = event { reader.addHistory(line) }
                        events.withLock { $0.append(event) }
                        if event == .endOfInput { break }
                    }
                }
            } catch {
                failure.withLock { $0 = "\(error)" }
                events.withLock { $0.append(.endOfInput) }
            }
            finished.signal()
        }
        worker.start()
    }

    var eventCount: Int { events.withLock(\.count) }
    var readerThread: pthread_t? { thread.withLock { $0 } }

    /// Waits until the reader is inside `el_gets`, types `keys`, and returns the event they end with.
    func type(_ keys: String, sourceLocation: SourceLocation = #_sourceLocation) -> LineEvent? {
        let before = eventCount
        guard waitUntil({ terminal.isEditing }) else {
            Issue.record(
                "the reader never started editing; output: \(terminal.text.debugDescription)",
                sourceLocation: sourceLocation)
            return nil
        }
        terminal.type(keys)
        return nextEvent(after: before, sourceLocation: sourceLocation)
    }

    /// The first event after the first `count` ones, once it arrives.
    func nextEvent(after count: Int, sourceLocation: SourceLocation = #_sourceLocation) -> LineEvent? {
        guard waitUntil({ eventCount > count }) else {
            Issue.record("no line came back; output: \(terminal.text.debugDescription)", sourceLocation: sourceLocation)
            return nil
        }
        return events.withLock { $0[count] }
    }

    /// Ends the session with Ctrl-D on an empty line (clearing whatever was typed first), waits for the
    /// reader to close, and checks that the pty's settings are back as they were.
    func finish(sourceLocation: SourceLocation = #_sourceLocation) {
        if events.withLock({ $0.last }) != .endOfInput {
            _ = type("\u{1}\u{B}\u{4}", sourceLocation: sourceLocation)
        }
        if finished.wait(timeout: .now() + 5) == .timedOut {
            Issue.record("the reader did not end", sourceLocation: sourceLocation)
            return
        }
        if let failure = failure.withLock({ $0 }) {
            Issue.record("reader failed: \(failure)", sourceLocation: sourceLocation)
        }
        #expect(
            sameSettings(terminal.settings, settingsBefore), "terminal settings changed",
            sourceLocation: sourceLocation)
        terminal.close()
    }
}
