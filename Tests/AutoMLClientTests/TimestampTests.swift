import AutoMLClient
import Foundation
import Testing

/// RFC 3339 text ↔ `Timestamp`: exact seconds and nanos, `Z`-normalized output with 0/3/6/9 digits.
@Suite struct TimestampTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        let text: String
        let seconds: Int64
        let nanos: Int32
        var testDescription: String { text }
    }

    /// Canonical texts: parsing gives the values, formatting the values gives the text back.
    static let canonical: [Sample] = [
        Sample(text: "1970-01-01T00:00:00Z", seconds: 0, nanos: 0),
        Sample(text: "2019-10-29T19:06:38Z", seconds: 1_572_375_998, nanos: 0),
        Sample(text: "2019-10-29T19:06:38.048Z", seconds: 1_572_375_998, nanos: 48_000_000),
        Sample(text: "2019-10-29T19:06:38.048492Z", seconds: 1_572_375_998, nanos: 48_492_000),
        Sample(text: "2019-10-29T19:06:38.048492001Z", seconds: 1_572_375_998, nanos: 48_492_001),
        Sample(text: "1970-01-01T00:00:00.000000001Z", seconds: 0, nanos: 1),
        Sample(text: "2024-02-29T12:00:00Z", seconds: 1_709_208_000, nanos: 0),
        Sample(text: "2000-02-29T00:00:00Z", seconds: 951_782_400, nanos: 0),
        Sample(text: "1969-12-31T23:59:59Z", seconds: -1, nanos: 0),
        Sample(text: "1969-12-31T23:59:59.500Z", seconds: -1, nanos: 500_000_000),
        Sample(text: "1950-06-15T08:30:00Z", seconds: -616_865_400, nanos: 0),
        Sample(text: "1900-01-01T00:00:00Z", seconds: -2_208_988_800, nanos: 0),
        Sample(text: "0001-01-01T00:00:00Z", seconds: -62_135_596_800, nanos: 0),
        Sample(text: "9999-12-31T23:59:59.999999999Z", seconds: 253_402_300_799, nanos: 999_999_999),
    ]

    @Test(arguments: canonical)
    func parsesAndFormatsCanonicalText(_ sample: Sample) throws {
        let timestamp = try #require(Timestamp(rfc3339: sample.text))
        #expect(timestamp.seconds == sample.seconds && timestamp.nanos == sample.nanos)
        #expect(Timestamp(seconds: sample.seconds, nanos: sample.nanos).rfc3339 == sample.text)
        #expect(timestamp.description == sample.text)
        #expect(timestamp.protoJSON(options: .canonical) == .string(sample.text))
    }

    /// Accepted but not canonical input, and the canonical text it normalizes to.
    @Test(arguments: [
        ("2019-10-29T19:06:38.0Z", "2019-10-29T19:06:38Z"),
        ("2019-10-29T19:06:38.5Z", "2019-10-29T19:06:38.500Z"),
        ("2019-10-29T19:06:38.1234Z", "2019-10-29T19:06:38.123400Z"),
        ("2019-10-29T19:06:38.12345678Z", "2019-10-29T19:06:38.123456780Z"),
        ("2019-10-29t19:06:38z", "2019-10-29T19:06:38Z"),
        ("2024-05-01T12:00:00+02:00", "2024-05-01T10:00:00Z"),
        ("2024-05-01T12:00:00.123+02:00", "2024-05-01T10:00:00.123Z"),
        ("2024-01-01T01:00:00+02:00", "2023-12-31T23:00:00Z"),
        ("2024-02-28T23:30:00-05:30", "2024-02-29T05:00:00Z"),
        ("1970-01-01T00:00:00+00:00", "1970-01-01T00:00:00Z"),
        ("1970-01-01T00:00:00-00:01", "1970-01-01T00:01:00Z"),
    ])
    func normalizesToZ(_ input: String, _ expected: String) throws {
        let timestamp = try #require(Timestamp(rfc3339: input))
        #expect(timestamp.rfc3339 == expected)
        #expect(Timestamp(rfc3339: expected) == timestamp)
    }

    @Test(arguments: [
        "2019-13-01T00:00:00Z",  // month 13
        "2019-00-01T00:00:00Z",  // month 0
        "2019-02-30T00:00:00Z",  // Feb 30
        "2023-02-29T00:00:00Z",  // not a leap year
        "1900-02-29T00:00:00Z",  // century, not a leap year
        "2100-02-29T00:00:00Z",
        "2019-04-31T00:00:00Z",  // April has 30 days
        "2019-01-00T00:00:00Z",  // day 0
        "2019-01-32T00:00:00Z",
        "2019-01-01T24:00:00Z",  // hour 24
        "2019-01-01T00:60:00Z",  // minute 60
        "2019-10-29T19:06:38",  // no zone
        "2019-10-29T19:06:38.048492",  // no zone, with fraction
        "2019-10-29",  // date only
        "2019-10-29T19:06Z",  // no seconds
        "2019-10-29T19:06:38.Z",  // fraction without digits
        "2019-10-29T19:06:38Zjunk",  // trailing text
        "2019-10-29T19:06:38+0200",  // offset without colon
        "2019-10-29T19:06:38+02",  // offset without minutes
        "2019-10-29T19:06:38+24:00",  // offset out of range
        "19-10-29T19:06:38Z",  // two-digit year
        "2019-1-29T19:06:38Z",  // one-digit month
        " 2019-10-29T19:06:38Z",  // leading space
        "garbage",
        "",
        "0000-12-31T23:59:59Z",  // before 0001-01-01, outside the Timestamp range
        "9999-12-31T23:59:59-01:00",  // after 9999-12-31T23:59:59.999999999Z once normalized
    ])
    func rejectsBadText(_ text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func rejectionThroughProtoJSONNamesThePath() throws {
        let error = try #require(throws: ProtoJSONError.self) {
            try Timestamp(protoJSON: .string("2019-02-30T00:00:00Z"), path: "metadata.createTime")
        }
        #expect(error.path == "metadata.createTime")
        #expect(error.description.hasPrefix("metadata.createTime: "))
        #expect(throws: ProtoJSONError.self) { try Timestamp(protoJSON: .integer(1_572_375_998), path: "createTime") }
    }

    @Test func ordersBySecondsThenNanos() {
        let earlier = Timestamp(seconds: -1, nanos: 999_999_999)
        let epoch = Timestamp(seconds: 0)
        let later = Timestamp(seconds: 0, nanos: 1)
        #expect(earlier < epoch && epoch < later)
        #expect([later, earlier, epoch].sorted() == [earlier, epoch, later])
    }

    @Test func convertsToAndFromDate() throws {
        let timestamp = Timestamp(seconds: 1_572_375_998, nanos: 48_492_000)
        let back = Timestamp(timestamp.date)
        #expect(back.seconds == timestamp.seconds)
        #expect(abs(Int(back.nanos) - Int(timestamp.nanos)) < 1_000)
        let beforeEpoch = Timestamp(Date(timeIntervalSince1970: -1.5))
        #expect(beforeEpoch.seconds == -2 && beforeEpoch.nanos == 500_000_000)
        #expect(beforeEpoch.rfc3339 == "1969-12-31T23:59:58.500Z")
    }

    @Test func leapSecondIsAcceptedAsTheLastSecondOfTheMinute() throws {
        let leap = try #require(Timestamp(rfc3339: "2016-12-31T23:59:60Z"))
        #expect(leap.rfc3339 == "2016-12-31T23:59:59Z")
    }
}
