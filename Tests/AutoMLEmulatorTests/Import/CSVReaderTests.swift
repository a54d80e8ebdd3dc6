import AutoMLWire
import Foundation
import Testing

@testable import AutoMLEmulator

@Suite("CSVReader")
struct CSVReaderTests {
    private func fields(_ text: String) -> [[String]] {
        CSVReader.read(text).records.map(\.fields)
    }

    @Test("RFC 4180 quoting: commas, doubled quotes and line breaks inside quotes")
    func quoting() {
        #expect(fields("a,\"b,c\",d\n") == [["a", "b,c", "d"]])
        #expect(fields("\"say \"\"hi\"\"\",x") == [["say \"hi\"", "x"]])
        #expect(fields("\"two\nlines\",x\ny,z") == [["two\nlines", "x"], ["y", "z"]])
        #expect(fields("\"\",x") == [["", "x"]])
        #expect(fields("  \"padded\"  ,  plain  ") == [["padded", "plain"]])
        #expect(fields("\" keep \",x") == [[" keep ", "x"]])
    }

    @Test("CRLF, LF and CR line ends; a final line without a line end; empty trailing fields")
    func lineEnds() {
        #expect(fields("a,b\r\nc,d\r\n") == [["a", "b"], ["c", "d"]])
        #expect(fields("a,b\rc,d") == [["a", "b"], ["c", "d"]])
        #expect(fields("a,b,\n") == [["a", "b", ""]])
        #expect(fields("a,,,\n") == [["a", "", "", ""]])
    }

    @Test("a UTF-8 byte order mark is dropped; non-ASCII text survives")
    func bom() {
        #expect(fields("\u{FEFF}TRAIN,gs://b/é.jpg") == [["TRAIN", "gs://b/é.jpg"]])
    }

    @Test("blank lines are skipped but counted")
    func lineNumbers() {
        let result = CSVReader.read("a\n\n  \nb\r\n\r\n\"c\nc\"\nd\n")
        #expect(result.records.map(\.lineNumber) == [1, 4, 6, 8])
        #expect(result.errors.isEmpty)
    }

    @Test("malformed records become errors and reading goes on")
    func errors() {
        let result = CSVReader.read("ok,1\nbad\"quote,2\n\"closed\"junk,3\nok,4\n\"never closed,5\nok,6\n")
        #expect(result.records.map(\.lineNumber) == [1, 4, 6])
        #expect(result.errors.map(\.lineNumber) == [2, 3, 5])
    }

    @Test("decode: UTF-8 only")
    func decode() throws {
        #expect(try CSVReader.decode(Data("a,b".utf8), csvURI: "gs://b/x.csv") == "a,b")
        let error = try #require(throws: ImportFileError.self) {
            try CSVReader.decode(Data([0x61, 0xFF, 0xFE]), csvURI: "gs://bucket/x.csv")
        }
        #expect(error.message == "Error: gs://bucket/x.csv: the file is not valid UTF-8")
    }
}
