import AutoMLShell
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Lines from a pipe, as in `automl < transcript` or `cat file | automl`.
@Suite struct PlainLineReaderTests {
    /// Writes `bytes` into a new pipe from another thread (a pipe holds only 64 KiB) and reads every event
    /// until the end of input.
    private func events(from bytes: [UInt8]) throws -> [LineEvent] {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        let (readEnd, writeEnd) = (ends[0], ends[1])
        defer { close(readEnd) }
        let writer = Thread {
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { break }
                offset += written
            }
            close(writeEnd)
        }
        writer.start()
        let reader = PlainLineReader(fileDescriptor: readEnd)
        var events: [LineEvent] = []
        while true {
            let event = reader.readLine(prompt: "ignored> ")
            events.append(event)
            if event == .endOfInput { break }
        }
        return events
    }

    @Test func readsLinesWithoutTheirNewline() throws {
        #expect(
            try events(from: Array("models\nuse dataset ICN1\n".utf8))
                == [.line("models"), .line("use dataset ICN1"), .endOfInput])
    }

    @Test func aLastLineWithoutNewlineCounts() throws {
        #expect(try events(from: Array("models\ndatasets".utf8)) == [.line("models"), .line("datasets"), .endOfInput])
        #expect(try events(from: Array("only".utf8)) == [.line("only"), .endOfInput])
    }

    @Test func emptyInputAndEmptyLines() throws {
        #expect(try events(from: []) == [.endOfInput])
        #expect(
            try events(from: Array("\n\na\n\n".utf8)) == [.line(""), .line(""), .line("a"), .line(""), .endOfInput])
    }

    @Test func crlfLineEndingsAreDropped() throws {
        #expect(
            try events(from: Array("models\r\ndatasets\r\nlast\r".utf8))
                == [.line("models"), .line("datasets"), .line("last"), .endOfInput])
        // A lone \r inside a line stays.
        #expect(try events(from: Array("a\rb\n".utf8)) == [.line("a\rb"), .endOfInput])
    }

    @Test func utf8SurvivesChunkBoundaries() throws {
        // 65,535 ASCII bytes put "日" across the first 64 KiB read.
        let text = String(repeating: "x", count: 65_535) + "日本\né\n"
        #expect(
            try events(from: Array(text.utf8))
                == [.line(String(repeating: "x", count: 65_535) + "日本"), .line("é"), .endOfInput])
    }

    @Test func largeInputComesThroughWhole() throws {
        // About 6 MB in lines of many lengths, some longer than a read.
        var lines: [String] = []
        for index in 0..<100_000 {
            lines.append("use dataset ICN\(index) " + String(repeating: "z", count: index % 97))
        }
        lines.append(String(repeating: "long", count: 50_000))
        let events = try events(from: Array((lines.joined(separator: "\n") + "\n").utf8))
        #expect(events.count == lines.count + 1)
        #expect(events.dropLast() == lines.map(LineEvent.line)[...])
        #expect(events.last == .endOfInput)
    }

    @Test func readsFromAFileHandle() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("automl-plain-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("models\ndatasets".utf8).write(to: URL(fileURLWithPath: path))
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let reader = PlainLineReader(fileHandle: handle)
        #expect(reader.readLine(prompt: "") == .line("models"))
        #expect(reader.readLine(prompt: "") == .line("datasets"))
        #expect(reader.readLine(prompt: "") == .endOfInput)
        #expect(reader.readLine(prompt: "") == .endOfInput)
    }
}
