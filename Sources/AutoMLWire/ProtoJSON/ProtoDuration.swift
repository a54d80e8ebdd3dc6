/// A `google.protobuf.Duration`, written in JSON as seconds with an `s` suffix (`"1.5s"`).
public struct ProtoDuration: Sendable, Hashable {
    public var seconds: Int64
    public var nanos: Int32

    public init(seconds: Int64, nanos: Int32 = 0) {
        self.seconds = seconds
        self.nanos = nanos
    }

    public init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(seconds: seconds, nanos: Int32(attoseconds / 1_000_000_000))
    }

    public var duration: Duration {
        .seconds(seconds) + .nanoseconds(Int64(nanos))
    }
}

extension ProtoDuration: ProtoJSONConvertible {
    public static var protoDefault: ProtoDuration { ProtoDuration(seconds: 0) }

    public init(protoJSON: JSONValue, path: String) throws {
        guard case .string(let text) = protoJSON, text.hasSuffix("s") else {
            throw ProtoJSONError.mismatch("a duration such as \"1.5s\"", protoJSON, at: path)
        }
        let number = text.dropLast()
        let negative = number.hasPrefix("-")
        let unsigned = negative ? number.dropFirst() : number[...]
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy(\.isASCIIDigit),
            let whole = Int64(parts[0]),
            parts.count == 1 || (1...9).contains(parts[1].count) && parts[1].allSatisfy(\.isASCIIDigit),
            parts.count == 1 || Int32(parts[1]) != nil
        else {
            throw ProtoJSONError(path: path, reason: "\"\(text)\" is not a duration")
        }
        let fraction = parts.count == 2 ? String(parts[1]) + String(repeating: "0", count: 9 - parts[1].count) : "0"
        let nanos = Int32(fraction) ?? 0
        self.init(seconds: negative ? -whole : whole, nanos: negative ? -nanos : nanos)
    }

    public func protoJSON(options: ProtoJSONOptions) -> JSONValue {
        let negative = seconds < 0 || nanos < 0
        var text = (negative ? "-" : "") + String(abs(seconds))
        if nanos != 0 {
            var fraction = String(abs(Int(nanos)))
            fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
            while fraction.hasSuffix("000") { fraction.removeLast(3) }
            text += "." + fraction
        }
        return .string(text + "s")
    }
}

extension Character {
    /// Whether this is one of the ASCII digits 0–9.
    package var isASCIIDigit: Bool { isASCII && isNumber }
}
