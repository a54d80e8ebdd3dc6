public import Foundation

/// A `google.protobuf.Timestamp`: seconds and nanoseconds since the Unix epoch, exact to the nanosecond.
///
/// Read from RFC 3339 text with a zone (`Z` or an offset such as `+02:00`); text without a zone is rejected,
/// as the official clients reject it. Written `Z`-normalized with 0, 3, 6 or 9 fractional digits.
public struct Timestamp: Sendable, Hashable, Comparable {
    public var seconds: Int64
    public var nanos: Int32

    public init(seconds: Int64, nanos: Int32 = 0) {
        self.seconds = seconds
        self.nanos = nanos
    }

    public init(_ date: Date) {
        let interval = date.timeIntervalSince1970
        let whole = interval.rounded(.down)
        seconds = Int64(whole)
        nanos = Int32(min(999_999_999, ((interval - whole) * 1e9).rounded()))
    }

    public var date: Date {
        Date(timeIntervalSince1970: Double(seconds) + Double(nanos) / 1e9)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
    }

    /// Parses RFC 3339 text, such as `2019-10-29T19:06:38.048492Z`; nil when it is not one.
    public init?(rfc3339 text: String) {
        var parser = RFC3339Parser(Array(text.utf8))
        guard let parsed = parser.parse() else { return nil }
        self = parsed
    }

    /// The RFC 3339 text, `Z`-normalized.
    public var rfc3339: String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        var text = String(
            format: "%04lld-%02d-%02dT%02lld:%02lld:%02lld", year, month, day,
            secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
        if nanos != 0 {
            let digits = String(format: "%09d", nanos)
            if nanos % 1_000_000 == 0 {
                text += "." + digits.prefix(3)
            } else if nanos % 1000 == 0 {
                text += "." + digits.prefix(6)
            } else {
                text += "." + digits
            }
        }
        return text + "Z"
    }
}

extension Timestamp: ProtoJSONConvertible {
    public static var protoDefault: Timestamp { Timestamp(seconds: 0) }

    public init(protoJSON: JSONValue, path: String) throws {
        guard case .string(let text) = protoJSON else {
            throw ProtoJSONError.mismatch("an RFC 3339 timestamp", protoJSON, at: path)
        }
        guard let parsed = Timestamp(rfc3339: text) else {
            throw ProtoJSONError(path: path, reason: "\"\(text)\" is not an RFC 3339 timestamp with a zone")
        }
        self = parsed
    }

    public func protoJSON(options: ProtoJSONOptions) -> JSONValue { .string(rfc3339) }
}

extension Timestamp: CustomStringConvertible {
    public var description: String { rfc3339 }
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar.
private func civilDate(daysSinceEpoch days: Int64) -> (Int64, Int, Int) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
    let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
}

/// (year, month, day) → days since 1970-01-01; the inverse of `civilDate`.
private func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
    let adjustedYear = month <= 2 ? year - 1 : year
    let era = (adjustedYear >= 0 ? adjustedYear : adjustedYear - 399) / 400
    let yearOfEra = adjustedYear - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}

/// A small scanner for `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
private struct RFC3339Parser {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func parse() -> Timestamp? {
        guard let year = digits(4), expect("-"), let month = digits(2), expect("-"), let day = digits(2),
            expect("T") || expect("t"), let hour = digits(2), expect(":"), let minute = digits(2), expect(":"),
            let second = digits(2)
        else { return nil }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var nanos: Int64 = 0
        if expect(".") {
            var count = 0
            while index < bytes.count, let digit = digitValue(bytes[index]) {
                if count < 9 { nanos = nanos * 10 + digit }
                count += 1
                index += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 9) { nanos *= 10 }
        }
        var offset: Int64 = 0
        if expect("Z") || expect("z") {
            offset = 0
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let offsetHours = digits(2), expect(":"), let offsetMinutes = digits(2),
                offsetHours < 24, offsetMinutes < 60
            else { return nil }
            offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offset
        // The range google.protobuf.Timestamp allows: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
        guard (-62_135_596_800...253_402_300_799).contains(seconds) else { return nil }
        return Timestamp(seconds: seconds, nanos: Int32(nanos))
    }

    private mutating func digits(_ count: Int) -> Int64? {
        guard index + count <= bytes.count else { return nil }
        var value: Int64 = 0
        for _ in 0..<count {
            guard let digit = digitValue(bytes[index]) else { return nil }
            value = value * 10 + digit
            index += 1
        }
        return value
    }

    private mutating func expect(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    private func digitValue(_ byte: UInt8) -> Int64? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int64(byte - UInt8(ascii: "0")) : nil
    }

    private func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
