import AutoMLClient
import Testing

/// `google.protobuf.Duration` JSON: seconds with an `s` suffix and 0, 3, 6 or 9 fractional digits.
@Suite struct ProtoDurationTests {
    private func parse(_ text: String) throws -> ProtoDuration {
        try ProtoDuration(protoJSON: .string(text), path: "timeout")
    }

    /// Canonical texts: parsing gives the values, writing the values gives the text back.
    @Test(arguments: [
        ("1.500s", Int64(1), Int32(500_000_000)),
        ("-0.250s", 0, -250_000_000),
        ("3s", Int64(3), Int32(0)),
        ("0s", 0, 0),
        ("-3s", -3, 0),
        ("-1.500s", -1, -500_000_000),
        ("0.000000001s", 0, 1),
        ("1.010s", 1, 10_000_000),
        ("2.000001s", 2, 1_000),
        ("300s", 300, 0),
        ("315576000000s", 315_576_000_000, 0),
    ])
    func parsesAndWritesCanonicalText(_ text: String, _ seconds: Int64, _ nanos: Int32) throws {
        let duration = try parse(text)
        #expect(duration == ProtoDuration(seconds: seconds, nanos: nanos))
        #expect(ProtoDuration(seconds: seconds, nanos: nanos).protoJSON(options: .canonical) == .string(text))
    }

    /// Accepted but not canonical input, and the canonical text it is written back as: the proto3 JSON
    /// mapping writes 0, 3, 6 or 9 fractional digits, so `1.5s` comes back as `1.500s`.
    @Test(arguments: [
        ("1.5s", "1.500s"),
        ("-0.25s", "-0.250s"),
        ("-1.5s", "-1.500s"),
        ("1.50s", "1.500s"),
        ("0.1s", "0.100s"),
        ("1.0s", "1s"),
        ("01s", "1s"),
        ("-0s", "0s"),
        ("1.1234567s", "1.123456700s"),
    ])
    func normalizes(_ input: String, _ expected: String) throws {
        let duration = try parse(input)
        #expect(duration.protoJSON(options: .canonical) == .string(expected))
        #expect(try parse(expected) == duration)
    }

    @Test func readsTheReferenceExamples() throws {
        #expect(try parse("1.5s") == ProtoDuration(seconds: 1, nanos: 500_000_000))
        #expect(try parse("-0.25s") == ProtoDuration(seconds: 0, nanos: -250_000_000))
        #expect(try parse("3s") == ProtoDuration(seconds: 3))
    }

    @Test(arguments: [
        "1.5",  // no unit
        "1.5ms",  // another unit
        "s",
        "",
        "1.s",  // fraction without digits
        ".5s",  // no whole seconds
        "1.1234567890s",  // ten fractional digits
        "1.5e3s",
        "1,5s",
        "abc",
        "1 s",
        "--1s",  // doubled sign
        "-1.-5s",
    ])
    func rejectsBadText(_ text: String) {
        #expect(throws: ProtoJSONError.self) { try parse(text) }
    }

    @Test func rejectsNonStrings() throws {
        let error = try #require(throws: ProtoJSONError.self) {
            try ProtoDuration(protoJSON: .number(1.5), path: "timeout")
        }
        #expect(error.path == "timeout")
    }

    @Test func convertsToAndFromSwiftDuration() {
        #expect(ProtoDuration(.milliseconds(1500)) == ProtoDuration(seconds: 1, nanos: 500_000_000))
        #expect(ProtoDuration(.milliseconds(-250)) == ProtoDuration(seconds: 0, nanos: -250_000_000))
        #expect(ProtoDuration(seconds: 1, nanos: 500_000_000).duration == .milliseconds(1500))
        #expect(ProtoDuration(seconds: -1, nanos: -500_000_000).duration == .milliseconds(-1500))
    }

    @Test func waitRequestWritesItsTimeout() throws {
        let request = WaitOperationRequest(timeout: ProtoDuration(seconds: 30))
        #expect(request.protoJSON(options: .canonical) == .object(["timeout": .string("30s")]))
        let read = try WaitOperationRequest(jsonData: request.jsonData())
        #expect(read == request)
    }
}
