internal import CLibEdit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension LibEditLineReader {
    /// Tab: asks the completer about the line and the cursor, then edits the line or lists the candidates
    /// as `TabCompletion.action` decides. Returns libedit's `CC_*` code for what to redraw.
    func complete() -> UInt8 {
        guard let completer, let info = el_line(editLine)?.pointee,
            let buffer = info.buffer, let cursor = info.cursor, let end = info.lastchar
        else {
            return UInt8(CC_ERROR)
        }
        let line = Array(UnsafeRawBufferPointer(start: buffer, count: buffer.distance(to: end)))
        let cursorOffset = buffer.distance(to: cursor)
        let result = completer(String(decoding: line, as: UTF8.self), cursorOffset)

        switch TabCompletion.action(for: result, line: line) {
        case .beep:
            return UInt8(CC_ERROR)
        case .replace(let start, let end, let text):
            // libedit moves and deletes by characters, not bytes.
            let move =
                end >= cursorOffset
                ? TabCompletion.characterCount(line, cursorOffset..<end)
                : -TabCompletion.characterCount(line, end..<cursorOffset)
            _ = el_cursor(editLine, Int32(move))
            el_deletestr(editLine, Int32(TabCompletion.characterCount(line, start..<end)))
            if !text.isEmpty, el_insertstr(editLine, text) != 0 { return UInt8(CC_REFRESH_BEEP) }
            return UInt8(CC_REFRESH)
        case .list(let items):
            // Below the line, then libedit draws the prompt and the line again under the list.
            let rows = TabCompletion.columns(items, width: terminalColumns)
            write("\r\n" + rows.joined(separator: "\r\n") + "\r\n")
            return UInt8(CC_REDISPLAY)
        }
    }
}
