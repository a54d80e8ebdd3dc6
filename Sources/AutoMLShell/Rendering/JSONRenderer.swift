import AutoMLClient

/// Pretty JSON: two-space indent, members in ``JSONKeyOrder``, optionally coloured.
struct JSONRenderer: Sendable {
    var painter: Painter

    init(colors: Bool) {
        painter = Painter(enabled: colors)
    }

    /// The value as indented JSON text, ending in a newline.
    func render(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: "", into: &output)
        return output + painter.finalReset + "\n"
    }

    /// The value as indented JSON text starting at `indent` (the first line's indent is the caller's), without a
    /// final newline: one item of a list written piece by piece.
    func render(_ value: JSONValue, indent: String) -> String {
        var output = ""
        write(value, indent: indent, into: &output)
        return output
    }

    /// A member name as this renderer writes it (quoted, coloured).
    func key(_ name: String) -> String {
        painter.paint(Self.quoted(name), .cyan)
    }

    /// What ends coloured output.
    var finalReset: String { painter.finalReset }

    /// The value as JSON on one line, without spaces and without colour: for table cells and `value(...)`.
    static func compact(_ value: JSONValue) -> String {
        switch value {
        case .object(let object):
            let members = JSONKeyOrder.sorted(Array(object.keys)).compactMap { key in
                object[key].map { quoted(key) + ":" + compact($0) }
            }
            return "{" + members.joined(separator: ",") + "}"
        case .array(let items):
            return "[" + items.map(compact).joined(separator: ",") + "]"
        default:
            return scalarText(value)
        }
    }

    private func write(_ value: JSONValue, indent: String, into output: inout String) {
        let inner = indent + "  "
        switch value {
        case .object(let object) where !object.isEmpty:
            output += "{\n"
            let keys = JSONKeyOrder.sorted(Array(object.keys))
            for (position, key) in keys.enumerated() {
                guard let member = object[key] else { continue }
                output += inner + painter.paint(Self.quoted(key), .cyan) + ": "
                write(member, indent: inner, into: &output)
                output += position == keys.count - 1 ? "\n" : ",\n"
            }
            output += indent + "}"
        case .array(let items) where !items.isEmpty:
            output += "[\n"
            for (position, item) in items.enumerated() {
                output += inner
                write(item, indent: inner, into: &output)
                output += position == items.count - 1 ? "\n" : ",\n"
            }
            output += indent + "]"
        case .object:
            output += "{}"
        case .array:
            output += "[]"
        default:
            output += painter.paint(scalar: Self.scalarText(value), of: value)
        }
    }

    /// A scalar as JSON text. Non-finite numbers (which proto3 JSON writes as strings before they get here)
    /// are written as those strings so that the output stays valid JSON.
    private static func scalarText(_ value: JSONValue) -> String {
        switch value {
        case .string(let string): quoted(string)
        case .number(let number) where !number.isFinite: quoted(JSONText.number(number))
        case .null: "null"
        default: JSONText.scalar(value) ?? "null"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped; everything else as is.
    static func quoted(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case ..."\u{1F}": result += "\\u" + hex4(scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Four lowercase hex digits.
    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
