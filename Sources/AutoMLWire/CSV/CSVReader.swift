/// One record of a CSV file: its fields and the line it starts on.
package struct CSVRecord: Sendable, Hashable {
    /// The 1-based line number of the record's first line in the file (blank lines count).
    package var lineNumber: Int
    /// The fields, unquoted; unquoted fields are trimmed of surrounding spaces and tabs.
    package var fields: [String]

    package init(lineNumber: Int, fields: [String]) {
        self.lineNumber = lineNumber
        self.fields = fields
    }
}

/// A record that could not be split into fields.
package struct CSVSyntaxError: Sendable, Hashable {
    /// The 1-based line number the record starts on.
    package var lineNumber: Int
    /// What is wrong.
    package var message: String
}

/// Splits CSV text into records: RFC 4180 quoting (`""` for a quote inside a quoted field, line breaks allowed in
/// quoted fields), CRLF, LF or CR line ends, an optional UTF-8 byte order mark, and blank lines skipped.
///
/// A malformed record (an unterminated quote, a stray quote, text after a closing quote) becomes a
/// ``CSVSyntaxError`` and reading resumes on the next line, so one bad row does not hide the good ones.
package enum CSVReader {
    /// Splits `text` into records and syntax errors, both in file order.
    package static func read(_ text: String) -> (records: [CSVRecord], errors: [CSVSyntaxError]) {
        var scanner = CSVScanner(bytes: Array(text.utf8))
        return scanner.readAll()
    }
}

/// The byte-level state machine behind ``CSVReader``. Every delimiter is ASCII, so scanning UTF-8 bytes is safe.
private struct CSVScanner {
    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    private struct SyntaxError: Error {
        var message: String
        /// Resume at the line after the record's first line rather than after the current position.
        var resumeAfterFirstLine = false
    }

    let bytes: [UInt8]
    private var index = 0
    private var line = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    mutating func readAll() -> (records: [CSVRecord], errors: [CSVSyntaxError]) {
        var records: [CSVRecord] = []
        var errors: [CSVSyntaxError] = []
        while index < bytes.count {
            if skipBlankLine() { continue }
            let (startIndex, startLine) = (index, line)
            do {
                records.append(CSVRecord(lineNumber: startLine, fields: try readRecord()))
            } catch {
                errors.append(CSVSyntaxError(lineNumber: startLine, message: error.message))
                if error.resumeAfterFirstLine {
                    (index, line) = (startIndex, startLine)
                }
                skipRestOfLine()
            }
        }
        return (records, errors)
    }

    /// Skips a line holding nothing but spaces and tabs; returns whether it did.
    private mutating func skipBlankLine() -> Bool {
        var probe = index
        while probe < bytes.count, isBlank(bytes[probe]) { probe += 1 }
        guard probe == bytes.count || isLineBreak(bytes[probe]) else { return false }
        index = probe
        skipRestOfLine()
        return true
    }

    /// Moves past the next line break (or to the end of the text).
    private mutating func skipRestOfLine() {
        while index < bytes.count, !isLineBreak(bytes[index]) { index += 1 }
        consumeLineBreak()
    }

    /// Consumes one CRLF, LF or CR at `index`, if there is one.
    private mutating func consumeLineBreak() {
        guard index < bytes.count else { return }
        if bytes[index] == Self.cr, index + 1 < bytes.count, bytes[index + 1] == Self.lf {
            index += 2
        } else {
            index += 1
        }
        line += 1
    }

    private mutating func readRecord() throws(SyntaxError) -> [String] {
        var fields: [String] = []
        while true {
            fields.append(try readField())
            guard index < bytes.count else { return fields }
            if bytes[index] == Self.comma {
                index += 1
                continue
            }
            consumeLineBreak()
            return fields
        }
    }

    /// Reads one field, leaving `index` on the comma, line break or end that follows it.
    private mutating func readField() throws(SyntaxError) -> String {
        var start = index
        while start < bytes.count, isBlank(bytes[start]) { start += 1 }
        if start < bytes.count, bytes[start] == Self.quote {
            index = start + 1
            return try readQuotedField()
        }
        while index < bytes.count, bytes[index] != Self.comma, !isLineBreak(bytes[index]) {
            if bytes[index] == Self.quote {
                throw SyntaxError(message: "a quote (\") inside an unquoted field; quote the whole field")
            }
            index += 1
        }
        var end = index
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return start < end ? String(decoding: bytes[start..<end], as: UTF8.self) : ""
    }

    private mutating func readQuotedField() throws(SyntaxError) -> String {
        var value: [UInt8] = []
        while true {
            guard index < bytes.count else {
                throw SyntaxError(message: "a quoted field is never closed", resumeAfterFirstLine: true)
            }
            let byte = bytes[index]
            if byte == Self.quote {
                if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
                    value.append(Self.quote)
                    index += 2
                    continue
                }
                index += 1
                break
            }
            if byte == Self.lf || (byte == Self.cr && (index + 1 == bytes.count || bytes[index + 1] != Self.lf)) {
                line += 1
            }
            value.append(byte)
            index += 1
        }
        while index < bytes.count, isBlank(bytes[index]) { index += 1 }
        guard index == bytes.count || bytes[index] == Self.comma || isLineBreak(bytes[index]) else {
            throw SyntaxError(message: "unexpected text after the closing quote of a quoted field")
        }
        return String(decoding: value, as: UTF8.self)
    }

    private func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
    private func isLineBreak(_ byte: UInt8) -> Bool { byte == Self.cr || byte == Self.lf }
}
