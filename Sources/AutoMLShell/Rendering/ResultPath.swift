package import AutoMLClient

/// A path into a result: `name`, `metadata.progressPercent`, `model[0].name`, `response.name:id`.
///
/// Used by the `value(FIELD,...)` format and by `$last…` references. A path is keys separated by `.` and
/// indexes in `[n]`, optionally ending in `:id`, which takes the last `/`-separated segment of a resource name
/// (`projects/p/locations/l/models/ICN123:id` → `ICN123`).
package struct ResultPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    package enum Component: Sendable, Hashable {
        /// An object member.
        case key(String)
        /// An array element, from 0.
        case index(Int)
    }

    /// The steps; empty for the result itself.
    package var components: [Component]
    /// Whether the path ends in `:id`.
    package var takesID: Bool

    package init(components: [Component], takesID: Bool = false) {
        self.components = components
        self.takesID = takesID
    }

    /// Parses a path such as `model[0].name:id`; nil when it is malformed (`a..b`, `a[x]`, `a[1`).
    ///
    /// Keys are runs of any characters except `.`, `[` and `]`. An empty text is the result itself.
    package init?(parsing text: String) {
        var rest = Substring(text)
        takesID = rest.hasSuffix(":id")
        if takesID { rest = rest.dropLast(3) }
        components = []
        var expectsKey = true
        while let first = rest.first {
            if first == "[" {
                guard let close = rest.firstIndex(of: "]") else { return nil }
                let digits = rest[rest.index(after: rest.startIndex)..<close]
                guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let index = Int(digits) else { return nil }
                components.append(.index(index))
                rest = rest[rest.index(after: close)...]
                expectsKey = false
            } else {
                if first == "." {
                    guard !components.isEmpty else { return nil }
                    rest = rest.dropFirst()
                } else if !expectsKey {
                    return nil
                }
                let key = rest.prefix { $0 != "." && $0 != "[" && $0 != "]" }
                guard !key.isEmpty else { return nil }
                components.append(.key(String(key)))
                rest = rest.dropFirst(key.count)
                expectsKey = false
            }
        }
    }

    /// Such as `model[0].name:id`.
    package var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return takesID ? text + ":id" : text
    }

    /// The path made of the first `count` components, without `:id`: where a lookup stopped.
    package func prefix(_ count: Int) -> ResultPath {
        ResultPath(components: Array(components.prefix(count)))
    }

    /// What following a path gave.
    package enum Lookup: Sendable, Hashable {
        /// The value at the path (before `:id` is applied).
        case found(JSONValue)
        /// The object reached by the first `depth` components has no member named by the next one.
        case missingKey(depth: Int, available: [String])
        /// The array reached by the first `depth` components has only `count` elements.
        case indexOutOfRange(depth: Int, count: Int)
        /// The value reached by the first `depth` components is not an object or an array as the next one
        /// needs (or is null).
        case notAContainer(depth: Int, found: JSONValue)
    }

    /// Follows the path from `root`.
    package func lookUp(in root: JSONValue) -> Lookup {
        var current = root
        for (depth, component) in components.enumerated() {
            switch (component, current) {
            case (.key(let key), .object(let object)):
                guard let next = object[key] else {
                    return .missingKey(depth: depth, available: JSONKeyOrder.sorted(Array(object.keys)))
                }
                current = next
            case (.index(let index), .array(let array)):
                guard index < array.count else { return .indexOutOfRange(depth: depth, count: array.count) }
                current = array[index]
            default:
                return .notAContainer(depth: depth, found: current)
            }
        }
        return .found(current)
    }

    /// The value at the path as one line of text, `:id` applied: a scalar's text, or compact JSON for an object
    /// or array; nil when the path leads nowhere or to null.
    package func text(in root: JSONValue) -> String? {
        guard case .found(let value) = lookUp(in: root) else { return nil }
        if let scalar = JSONText.scalar(value) {
            return takesID ? JSONText.lastSegment(of: scalar) : scalar
        }
        if case .null = value { return nil }
        return JSONRenderer.compact(value)
    }
}
