/// How results are printed: `json` (the default), `yaml`, `table`, or `value(FIELD,...)`.
package enum OutputFormat: Sendable, Hashable, Codable, CustomStringConvertible {
    case json
    case yaml
    case table
    /// Only the named fields, one result per line, tab-separated; dotted paths reach into messages.
    case value([String])

    /// Parses `json`, `yaml`, `table` or `value(a,b.c)`; nil for anything else.
    package init?(parsing text: String) {
        switch text {
        case "json": self = .json
        case "yaml": self = .yaml
        case "table": self = .table
        default:
            guard text.hasPrefix("value("), text.hasSuffix(")") else { return nil }
            let fields = text.dropFirst(6).dropLast().split(separator: ",").map {
                String($0).trimmingCharacters(in: .whitespaces)
            }
            guard !fields.isEmpty, fields.allSatisfy({ !$0.isEmpty }) else { return nil }
            self = .value(fields)
        }
    }

    package var description: String {
        switch self {
        case .json: "json"
        case .yaml: "yaml"
        case .table: "table"
        case .value(let fields): "value(\(fields.joined(separator: ",")))"
        }
    }

    /// The words Tab offers after `set format` and `--format`.
    package static let completions = ["json", "yaml", "table", "value("]
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}

extension Set where Element == Character {
    static let whitespaces: Set<Character> = [" ", "\t"]
}
