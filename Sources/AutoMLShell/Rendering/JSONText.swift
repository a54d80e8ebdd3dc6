import AutoMLClient

/// How scalar JSON values read as plain text, shared by every format and the variable expander.
enum JSONText {
    /// A string as itself, a number in its shortest form (`24`, not `24.0`; `0.93`), `true`/`false`;
    /// nil for null, objects and arrays.
    static func scalar(_ value: JSONValue) -> String? {
        switch value {
        case .string(let string): string
        case .integer(let integer): String(integer)
        case .number(let number): self.number(number)
        case .bool(let bool): bool ? "true" : "false"
        case .null, .array, .object: nil
        }
    }

    /// A double as JSON number text: integral values without a fraction, others in Swift's shortest
    /// round-tripping form; non-finite values by the names proto3 JSON gives them.
    static func number(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    /// The last `/`-separated segment of a resource name: the ID of `projects/p/locations/l/models/ICN1`.
    static func lastSegment(of name: String) -> String {
        name.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? name
    }
}

/// The order object members are shown in: `@type`, `name`, `displayName` first (what a person looks for), then
/// the rest sorted, so the same result always reads the same way.
enum JSONKeyOrder {
    static let leading = ["@type", "name", "displayName"]

    static func sorted(_ keys: [String]) -> [String] {
        let present = Set(keys)
        return leading.filter(present.contains) + keys.filter { !leading.contains($0) }.sorted()
    }
}

extension JSONText {
    /// A short name of a value's JSON kind, for messages: `a string`, `a list`, `an object`.
    static func kindName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
