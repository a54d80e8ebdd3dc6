import AutoMLClient
import Foundation
import Testing

/// The JSON reader and writer that replace Foundation's coders on the hot path: strict RFC 8259 input,
/// the same compact output as `JSONEncoder` with sorted keys.
@Suite struct JSONTextTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONValue(parsing: Array(text.utf8))
    }

    private func written(_ value: JSONValue) -> String {
        String(decoding: value.encodedData(), as: UTF8.self)
    }

    @Test func readsEveryKind() throws {
        let value = try parse(#" { "a" : [1, -2, 3.5, 1e3, true, false, null, "x"], "b": {} , "c":[] } "#)
        #expect(
            value
                == .object([
                    "a": .array([
                        .integer(1), .integer(-2), .number(3.5), .number(1000), .bool(true), .bool(false), .null,
                        .string("x"),
                    ]),
                    "b": .object([:]), "c": .array([]),
                ]))
    }

    @Test func integersBeyond64BitsBecomeNumbers() throws {
        #expect(try parse("9223372036854775807") == .integer(.max))
        #expect(try parse("-9223372036854775808") == .integer(.min))
        #expect(try parse("9223372036854775808") == .number(9_223_372_036_854_775_808))
        #expect(try parse("-0") == .integer(0))
        #expect(try parse("2.0") == .number(2))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(
            try parse(#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00""#)
                == .string("a\"b\\c/d\u{8}\u{C}\n\r\t\u{E9}\u{1F600}"))
        #expect(try parse("\"h\u{E9}llo \u{1F600}\"") == .string("h\u{E9}llo \u{1F600}"))
    }

    @Test(arguments: [
        "", " ", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "1e", "-", "+1", "tru", "nul", "NaN", "Infinity",
        "\"unterminated", "\"tab\there\"", #""\x""#, #""\u12""#, #""\ud800""#, #""\udc00""#, "{\"a\" 1}",
        "{a:1}", "[1 2]", "1 2", "'x'", "1e999",
    ])
    func refusesWhatIsNotJSON(_ text: String) {
        #expect(throws: JSONSyntaxError.self) { try parse(text) }
    }

    @Test func refusesInvalidUTF8() {
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: [0x22, 0xFF, 0xFE, 0x22]) }
    }

    @Test func refusesNestingBeyondTheLimitWithoutCrashing() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try parse(deep) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(try parse(fine).arrayValue?.count == 1)
    }

    @Test func errorsSayWhereTheyAre() {
        #expect(throws: JSONSyntaxError(reason: "expected ',' or ']' in an array", offset: 3)) { try parse("[1 2]") }
    }

    @Test func writesCompactSortedTextLikeJSONEncoder() throws {
        let value: JSONValue = .object([
            "b": .array([.integer(-7), .number(0.1), .number(2), .number(1e20), .null, .bool(true)]),
            "a": .string("q\"u/o\\te\n\u{1}é😀"), "@type": .string("t"),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(written(value) == String(decoding: try encoder.encode(value), as: UTF8.self))
        #expect(written(value) == #"{"@type":"t","a":"q\"u/o\\te\n\u0001é😀","b":[-7,0.1,2,1e+20,null,true]}"#)
    }

    @Test func writtenTextReadsBackToTheSameValue() throws {
        let value: JSONValue = .object(["k": .array([.string("\u{0}\u{1F}\""), .integer(.min), .number(-1.25e-7)])])
        #expect(try JSONValue(parsing: value.encodedData()) == value)
    }
}
