internal import CLibEdit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// libedit's character source and what it needs: reading the terminal, waking for signals, redrawing.
extension LibEditLineReader {
    /// libedit's character source: one Unicode scalar decoded from UTF-8, reading the terminal in chunks.
    /// Returns 1 with a character, 0 at the end of input, -1 on Ctrl-C (errno EINTR) or an error. A
    /// resize or a return from Ctrl-Z is handled here and reading goes on.
    func readCharacter(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        var value: UInt32 = 0
        var needed = 0
        while true {
            if handlesSignals, TerminalSignals.interruptPending {
                errno = EINTR
                return -1
            }
            if pendingIndex == pendingInput.count {
                guard fillPendingInput() else { return errno == 0 ? 0 : -1 }
                continue
            }
            let byte = pendingInput[pendingIndex]
            pendingIndex += 1
            let isFirstKey = atFirstKey
            atFirstKey = false
            switch (needed, byte) {
            case (0, 0):
                // A Ctrl-D typed while the terminal was still in canonical mode (before libedit switched it to
                // raw mode for this line: libedit draws the prompt first; or during the command before) reaches
                // us as a NUL, the first byte of the line, once the mode changes. It is that Ctrl-D. libedit
                // would take a NUL as a quoted insert and put the next key (Enter, Ctrl-D) in the line literally,
                // so a NUL later in the line (Ctrl-@, Ctrl-Space) is dropped.
                guard isFirstKey else { continue }
                character.pointee = 4
                return 1
            case (0, 1..<0x80):
                character.pointee = wchar_t(byte)
                return 1
            case (0, 0xC2...0xDF):
                value = UInt32(byte & 0x1F)
                needed = 1
            case (0, 0xE0...0xEF):
                value = UInt32(byte & 0x0F)
                needed = 2
            case (0, 0xF0...0xF4):
                value = UInt32(byte & 0x07)
                needed = 3
            case (0, _):
                continue  // not a valid first byte: dropped
            case (_, 0x80...0xBF):
                value = value << 6 | UInt32(byte & 0x3F)
                needed -= 1
                if needed == 0 {
                    guard let scalar = Unicode.Scalar(value) else { continue }
                    character.pointee = wchar_t(bitPattern: scalar.value)
                    return 1
                }
            default:
                // A sequence cut short: drop it and read this byte again as a first byte.
                needed = 0
                pendingIndex -= 1
            }
        }
    }

    /// Reads what the terminal has (up to 4 KiB) into `pendingInput`, waiting in `poll` on the terminal
    /// and, with `handlesSignals`, on the wake-up pipe of `TerminalSignals`. Deals with a resize or a
    /// return from Ctrl-Z and goes on waiting. False at the end of input (errno 0), on an error, or when
    /// Ctrl-C arrived (errno EINTR).
    private func fillPendingInput() -> Bool {
        pendingInput.removeAll(keepingCapacity: true)
        pendingIndex = 0
        while true {
            if handlesSignals {
                if TerminalSignals.consume(TerminalSignals.resume) {
                    // Back from Ctrl-Z: the shell that ran meanwhile may have changed the terminal's mode.
                    _ = automl_el_prepare_terminal(editLine, 0)
                    _ = automl_el_prepare_terminal(editLine, 1)
                    redraw()
                }
                if TerminalSignals.consume(TerminalSignals.resize) {
                    el_resize(editLine)
                    redraw()
                }
                if TerminalSignals.interruptPending {
                    errno = EINTR
                    return false
                }
            }
            var waits = [
                pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: terminalWakePipe.readEnd, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&waits, handlesSignals ? 2 : 1, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return false
            }
            if handlesSignals, waits[1].revents != 0 { terminalWakePipe.drain() }
            guard waits[0].revents != 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(inputDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                pendingInput.append(contentsOf: chunk[0..<count])
                return true
            }
            if count == 0 {
                errno = 0
                return false
            }
            if errno != EINTR, errno != EAGAIN { return false }
        }
    }

    /// Draws the prompt and the line again from the start of the cursor's row.
    private func redraw() {
        write("\r")
        _ = automl_el_refresh(editLine)
    }

    /// Writes to the output through libedit's stream, so it stays in order with what libedit drew.
    func write(_ text: String) {
        fputs(text, outputFile)
        fflush(outputFile)
    }

    /// The terminal's width in columns, 80 when it cannot be told.
    var terminalColumns: Int {
        var size = winsize()
        guard ioctl(outputDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
