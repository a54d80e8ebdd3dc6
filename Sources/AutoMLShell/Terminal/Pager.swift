import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Long results on a terminal go through the user's pager: `$PAGER` (run by `/bin/sh -c`), `less -FRX` when it is
/// unset — `-F` quits at once when the text fits, `-R` shows colour, `-X` leaves the text on the screen. Only
/// results longer than the window are paged; an empty `PAGER` or `set pager off` turns it off. The pager gets the
/// shell's environment as it is.
package struct Pager: Sendable {
    /// The command line.
    package var command: String

    package static let defaultCommand = "less -FRX"

    /// The pager of the environment; nil when `PAGER` is set and empty.
    package init?(environment: [String: String]) {
        let command = environment["PAGER"] ?? Self.defaultCommand
        guard !command.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        self.command = command
    }

    /// Whether `text` needs paging in a window of `rows` lines (the prompt takes one).
    static func isLong(_ text: String, rows: Int) -> Bool {
        var lines = 0
        for character in text.utf8 where character == 0x0A {
            lines += 1
            if lines >= rows - 1 { return true }
        }
        return false
    }

    /// Pages `text` when it is longer than the terminal on standard output; false when it was not paged (short, no
    /// window size, or the pager could not start), so the caller writes it itself.
    package func page(_ text: String) -> Bool {
        guard let rows = Self.windowRows(), Self.isLong(text, rows: rows) else { return false }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return false }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        // Neither end goes to a process started meanwhile (the pager gets the read end as its standard input only).
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        // posix_spawn rather than Foundation's Process, whose child starts a new session: without the controlling
        // terminal, less cannot read keys from /dev/tty and prints everything like cat.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, 0)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        let arguments = ["/bin/sh", "-c", command]
        var cArguments = arguments.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var pid: pid_t = 0
        // Default signals, none blocked (this thread blocks them all): the pager sees SIGWINCH and SIGINT.
        let spawned = SpawnAttributes.withDefaultSignals { attributes in
            posix_spawn(&pid, "/bin/sh", &actions, attributes, &cArguments, environ)
        }
        close(readEnd)
        guard spawned == 0 else {
            close(writeEnd)
            return false
        }
        // A pager that quits early (q) closes its end: the rest is dropped, not an error.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        Array(text.utf8).withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            let length = bytes.count
            while offset < length {
                let written = write(writeEnd, base.advanced(by: offset), length - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { break }
                offset += written
            }
        }
        close(writeEnd)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // A pager that could not run (`sh: most: not found`, status 126 or 127) showed nothing: the caller prints it.
        let exited = status & 0x7F == 0
        let code = (status >> 8) & 0xFF
        return !(exited && (code == 126 || code == 127))
    }

    /// The window's lines (standard output's terminal), or `LINES`; nil when neither says.
    static func windowRows() -> Int? {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
        return ProcessInfo.processInfo.environment["LINES"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
    }
}
