public import Foundation

/// A value that a proto3 JSON field can hold: read leniently, written canonically.
///
/// Reading accepts what the proto3 JSON mapping allows (int64 as a string or a number, enums by name or
/// number, `null` for the default); writing gives the canonical form (int64 as a string, enum names).
public protocol ProtoJSONConvertible: Sendable, Hashable {
    /// The value of a field that is absent from the document.
    static var protoDefault: Self { get }
    /// Reads the value from JSON; `path` names the field for error messages.
    init(protoJSON: JSONValue, path: String) throws
    /// Writes the value as JSON.
    func protoJSON(options: ProtoJSONOptions) -> JSONValue
}

extension ProtoJSONConvertible where Self: Equatable {
    /// Whether the value is the proto3 default, which is omitted when written.
    var isProtoDefault: Bool { self == Self.protoDefault }
}

extension String: ProtoJSONConvertible {
    public static var protoDefault: String { "" }

    public init(protoJSON: JSONValue, path: String) throws {
        guard case .string(let string) = protoJSON else {
            throw ProtoJSONError.mismatch("a string", protoJSON, at: path)
        }
        self = string
    }

    public func protoJSON(options: ProtoJSONOptions) -> JSONValue { .string(self) }
}

extension Bool: ProtoJSONConvertible {
    public static var protoDefault: Bool { false }

    public init(protoJSON: JSONValue, path: String) throws {
        switch protoJSON {
        case .bool(let value): self = value
        case .string("true"): self = true
        case .string("false"): self = false
        default: throw ProtoJSONError.mismatch("a boolean", protoJSON, at: path)
        }
    }

    public func protoJSON(options: ProtoJSONOptions) -> JSONValue { .bool(self) }
}

extension Int64: ProtoJSONConvertible {
    public static var protoDefault: Int64 { 0 }

    public init(protoJSON: JSONValue, path: String) throws {
        self = try protoInteger(protoJSON, path: path, kind: "int64")
    }

    /// int64 is written as a JSON string, as the proto3 JSON mapping requires.
    public func protoJSON(options: ProtoJSONOptions) -> JSONValue { .string(String(self)) }
}

extension Int32: ProtoJSONConvertible {
    public static var protoDefault: Int32 { 0 }

    public init(protoJSON: JSONValue, path: String) throws {
        let wide: Int64 = try protoInteger(protoJSON, path: path, kind: "int32")
        guard let narrow = Int32(exactly: wide) else {
            throw ProtoJSONError(path: path, reason: "\(wide) does not fit in int32")
        }
        self = narrow
    }

    public func protoJSON(options: ProtoJSONOptions) -> JSONValue { .integer(Int64(self)) }
}

/// Reads an integer given as a JSON number or a decimal string.
private func protoInteger(_ value: JSONValue, path: String, kind: String) throws -> Int64 {
    switch value {
    case .integer(let integer):
        return integer
    case .number(let number):
        if let exact = Int64(exactly: number) { return exact }
    case .string(let text):
        // Only a JSON number's spelling: Swift's parsers also read "0x10" (as 16), "+5" and " 7".
        if isJSONNumberText(text) {
            if let parsed = Int64(text) { return parsed }
            if let number = Double(text), let exact = Int64(exactly: number) { return exact }
        }
        throw ProtoJSONError(path: path, reason: "\"\(text)\" is not an \(kind)")
    default:
        break
    }
    throw ProtoJSONError.mismatch("an \(kind)", value, at: path)
}

extension Double: ProtoJSONConvertible {
    public static var protoDefault: Double { 0 }

    public init(protoJSON: JSONValue, path: String) throws {
        switch protoJSON {
        case .integer(let integer): self = Double(integer)
        case .number(let number): self = number
        case .string("NaN"): self = .nan
        case .string("Infinity"): self = .infinity
        case .string("-Infinity"): self = -.infinity
        case .string(let text):
            guard isJSONNumberText(text), let parsed = Double(text) else {
                throw ProtoJSONError(path: path, reason: "\"\(text)\" is not a number")
            }
            self = parsed
        default:
            throw ProtoJSONError.mismatch("a number", protoJSON, at: path)
        }
    }

    public func protoJSON(options: ProtoJSONOptions) -> JSONValue {
        if isNaN { return .string("NaN") }
        if isInfinite { return .string(self < 0 ? "-Infinity" : "Infinity") }
        return .number(self)
    }
}

extension Float: ProtoJSONConvertible {
    public static var protoDefault: Float { 0 }

    public init(protoJSON: JSONValue, path: String) throws {
        self = Float(try Double(protoJSON: protoJSON, path: path))
    }

    /// Written through the shortest decimal form of the float, so 0.93 stays 0.93 rather than 0.9300000071525574.
    public func protoJSON(options: ProtoJSONOptions) -> JSONValue {
        guard isFinite, let shortest = Double(description) else {
            return Double(self).protoJSON(options: options)
        }
        return .number(shortest)
    }
}

extension Data: ProtoJSONConvertible {
    public static var protoDefault: Data { Data() }

    /// Accepts standard and URL-safe base64, with or without padding.
    public init(protoJSON: JSONValue, path: String) throws {
        guard case .string(let text) = protoJSON else {
            throw ProtoJSONError.mismatch("base64 bytes", protoJSON, at: path)
        }
        var normalized = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        normalized += String(repeating: "=", count: (4 - normalized.count % 4) % 4)
        guard let data = Data(base64Encoded: normalized) else {
            throw ProtoJSONError(path: path, reason: "not valid base64")
        }
        self = data
    }

    public func protoJSON(options: ProtoJSONOptions) -> JSONValue { .string(base64EncodedString()) }
}

extension Array: ProtoJSONConvertible where Element: ProtoJSONConvertible {
    public static var protoDefault: [Element] { [] }

    public init(protoJSON: JSONValue, path: String) throws {
        switch protoJSON {
        case .null:
            self = []
        case .array(let values):
            self = try values.enumerated().map { index, value in
                try Element(protoJSON: value, path: "\(path)[\(index)]")
            }
        default:
            throw ProtoJSONError.mismatch("an array", protoJSON, at: path)
        }
    }

    public func protoJSON(options: ProtoJSONOptions) -> JSONValue {
        .array(map { $0.protoJSON(options: options) })
    }
}

extension Dictionary: ProtoJSONConvertible where Key == String, Value: ProtoJSONConvertible {
    public static var protoDefault: [String: Value] { [:] }

    public init(protoJSON: JSONValue, path: String) throws {
        switch protoJSON {
        case .null:
            self = [:]
        case .object(let members):
            var result: [String: Value] = [:]
            for (key, value) in members {
                result[key] = try Value(protoJSON: value, path: protoPath(path, key))
            }
            self = result
        default:
            throw ProtoJSONError.mismatch("an object", protoJSON, at: path)
        }
    }

    public func protoJSON(options: ProtoJSONOptions) -> JSONValue {
        .object(mapValues { $0.protoJSON(options: options) })
    }
}

extension Optional: ProtoJSONConvertible where Wrapped: ProtoJSONConvertible {
    public static var protoDefault: Wrapped? { nil }

    /// A present member makes the optional present, even when it holds the default (`"details": {}`).
    public init(protoJSON: JSONValue, path: String) throws {
        if case .null = protoJSON {
            self = nil
        } else {
            self = try Wrapped(protoJSON: protoJSON, path: path)
        }
    }

    public func protoJSON(options: ProtoJSONOptions) -> JSONValue {
        map { $0.protoJSON(options: options) } ?? .null
    }
}

extension JSONValue: ProtoJSONConvertible {
    public static var protoDefault: JSONValue { .null }

    public init(protoJSON: JSONValue, path: String) throws { self = protoJSON }

    public func protoJSON(options: ProtoJSONOptions) -> JSONValue { self }
}

/// Whether `text` is spelled as a JSON number (`-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`), the only spelling
/// proto3 JSON accepts for a number given as a string.
func isJSONNumberText(_ text: String) -> Bool {
    var bytes = text.utf8[...]
    func digits() -> Int {
        let count = bytes.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
        bytes = bytes.dropFirst(count)
        return count
    }
    if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    let leadingZero = bytes.first == UInt8(ascii: "0")
    let whole = digits()
    guard whole > 0, !(leadingZero && whole > 1) else { return false }
    if bytes.first == UInt8(ascii: ".") {
        bytes = bytes.dropFirst()
        guard digits() > 0 else { return false }
    }
    if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
        bytes = bytes.dropFirst()
        if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard digits() > 0 else { return false }
    }
    return bytes.isEmpty
}
