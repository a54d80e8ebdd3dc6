import AutoMLWire

/// One restriction of a Vertex AI filter: a target, a comparator and what it is compared with.
///
/// How it matches:
/// - `field=v`, `field!=v`: exact string comparison; an absent field is `""`. `*` is an ordinary character here.
/// - `field:*`: the field is set (not empty). `field:"run_*"`: the whole value matches the pattern, where each `*`
///   stands for any run of characters (none included); a pattern without `*` must equal the value.
/// - `create_time` with `=`, `!=`, `<`, `<=`, `>`, `>=`: instants compared, whatever offset either was written in; a
///   resource without a creation time satisfies only `!=`.
/// - `labels.k=v`, `labels.k!=v`, `labels.k:"pat*"`: the label's value; a missing label equals nothing (not even
///   `""`), so `labels.k!=v` holds for it. `labels.k:*` and `labels:k`: the key is present, whatever its value;
///   `labels:"k*"` matches keys against a pattern, and `labels:*` holds when there is any label.
struct VertexFilterComparison: Sendable, Hashable, CustomStringConvertible {
    /// The field or label tested.
    var target: VertexFilterTarget
    /// The comparison.
    var comparator: VertexFilterComparator
    /// The right-hand side.
    var operand: VertexFilterOperand

    /// Whether `subject` passes this restriction.
    func matches(_ subject: some VertexFilterSubject) -> Bool {
        switch target {
        case .label(let key):
            let value = Self.labels(of: subject)[key]
            return test(text: value, isSet: value != nil)
        case .field(.labels):
            let keys = Self.labels(of: subject).keys
            switch (comparator, operand) {
            case (.has, .present): return !keys.isEmpty
            case (.has, .text(let pattern)): return keys.contains { Self.wildcard(pattern, matches: $0) }
            default: return false
            }
        case .field(let field):
            let value = subject.vertexFilterValue(for: field)
            if field.valueKind == .timestamp {
                guard case .time(let time) = value else { return test(time: nil) }
                return test(time: time)
            }
            guard case .text(let text) = value else { return test(text: "", isSet: false) }
            return test(text: text, isSet: !text.isEmpty)
        }
    }

    /// The restriction in canonical form: `display_name="a"`, `labels.env:*`, `create_time>"2021-05-18T00:00:00Z"`.
    var description: String {
        "\(target)\(comparator)\(operand)"
    }

    // MARK: - Comparisons

    /// A string comparison; `value` is nil only for a missing label.
    private func test(text value: String?, isSet: Bool) -> Bool {
        switch (comparator, operand) {
        case (.has, .present): return isSet
        case (.has, .text(let pattern)): return value.map { Self.wildcard(pattern, matches: $0) } ?? false
        case (.equals, .text(let expected)): return value == expected
        case (.notEquals, .text(let expected)): return value != expected
        case (.less, .text(let bound)): return value.map { $0 < bound } ?? false
        case (.lessOrEqual, .text(let bound)): return value.map { $0 <= bound } ?? false
        case (.greater, .text(let bound)): return value.map { $0 > bound } ?? false
        case (.greaterOrEqual, .text(let bound)): return value.map { $0 >= bound } ?? false
        default: return false
        }
    }

    /// A timestamp comparison; `value` is nil when the subject has no such time.
    private func test(time value: Timestamp?) -> Bool {
        if comparator == .has, operand == .present { return value != nil }
        guard case .time(let bound) = operand else { return false }
        guard let value else { return comparator == .notEquals }
        switch comparator {
        case .equals: return value == bound
        case .notEquals: return value != bound
        case .less: return value < bound
        case .lessOrEqual: return value <= bound
        case .greater: return value > bound
        case .greaterOrEqual: return value >= bound
        case .has: return false
        }
    }

    private static func labels(of subject: some VertexFilterSubject) -> [String: String] {
        guard case .labels(let labels) = subject.vertexFilterValue(for: .labels) else { return [:] }
        return labels
    }

    /// Whether all of `text` matches `pattern`, where `*` stands for any run of characters (possibly none).
    static func wildcard(_ pattern: String, matches text: String) -> Bool {
        let pattern = Array(pattern)
        let text = Array(text)
        var patternIndex = 0
        var textIndex = 0
        // The last `*` seen and the text position its run currently ends at, to backtrack to on a mismatch.
        var lastStar: Int?
        var starEnd = 0
        while textIndex < text.count {
            if patternIndex < pattern.count, pattern[patternIndex] == "*" {
                lastStar = patternIndex
                starEnd = textIndex
                patternIndex += 1
            } else if patternIndex < pattern.count, pattern[patternIndex] == text[textIndex] {
                patternIndex += 1
                textIndex += 1
            } else if let lastStar {
                patternIndex = lastStar + 1
                starEnd += 1
                textIndex = starEnd
            } else {
                return false
            }
        }
        while patternIndex < pattern.count, pattern[patternIndex] == "*" { patternIndex += 1 }
        return patternIndex == pattern.count
    }
}

/// The right-hand side of a Vertex AI restriction.
enum VertexFilterOperand: Sendable, Hashable, CustomStringConvertible {
    /// `:*`: the field is set, the label key present, or (for `labels:*`) any label exists.
    case present
    /// A string: a value, an enum name, a label key (`labels:k`) or, after `:`, a `*` pattern.
    case text(String)
    /// An RFC 3339 time, for `create_time`.
    case time(Timestamp)

    /// The operand in canonical form: `*`, or a double-quoted string (times `Z`-normalized).
    var description: String {
        switch self {
        case .present: "*"
        case .text(let text): FilterValue.quoted(text)
        case .time(let time): FilterValue.quoted(time.rfc3339)
        }
    }
}
