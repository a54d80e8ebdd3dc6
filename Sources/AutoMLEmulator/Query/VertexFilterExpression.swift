/// A parsed `filter` of a Vertex AI list call. The empty filter matches everything.
///
/// The grammar is the part of AIP-160 the Vertex AI list requests document (reference §2.7):
///
/// ```
/// filter      = [ expression ]
/// expression  = sequence { "AND" sequence }
/// sequence    = factor { factor }                  juxtaposed factors are ANDed, as AIP-160's sequences
/// factor      = term { "OR" term }                 OR binds tighter than AND
/// term        = [ "NOT" | "-" ] simple             NOT before a restriction or a group
/// simple      = restriction | "(" expression ")"
/// restriction = target comparator value            e.g. display_name:"run_*", create_time>="2021-05-18T00:00:00Z"
/// target      = field | "labels." key              key: letters, digits, _ and - bare, anything double-quoted
/// comparator  = "=" | "!=" | "<" | "<=" | ">" | ">=" | ":"
/// value       = bare word | "double-quoted" | 'single-quoted'
/// ```
///
/// **Precedence follows AIP-160, not programming languages:** OR binds tighter than AND, so `a AND b OR c` is
/// `a AND (b OR c)` (AIP-160, "Logical Operators": "the `OR` operator has higher precedence than `AND`"). NOT applies
/// to the term or parenthesized group right after it. Keywords are case-sensitive: `and`, `or` and `not` are not
/// keywords. Fields take their snake_case or lowerCamelCase spelling; which fields and comparators a list takes is
/// ``VertexFilterableList``, and what each comparison means is ``VertexFilterComparison``.
struct VertexFilterExpression: Sendable, Hashable, CustomStringConvertible {
    /// The list the filter was parsed for.
    var list: VertexFilterableList
    /// The condition; nil matches everything.
    var condition: VertexFilterCondition?

    /// A filter of `condition` on `list`.
    init(list: VertexFilterableList, condition: VertexFilterCondition? = nil) {
        self.list = list
        self.condition = condition
    }

    /// Parses `text` as a filter on `list`; an empty or all-blank text matches everything.
    init(parsing text: String, for list: VertexFilterableList) throws(FilterError) {
        var parser = VertexFilterParser(text: text, list: list)
        self.init(list: list, condition: try parser.parse())
    }

    /// Whether `subject` satisfies the filter.
    func matches(_ subject: some VertexFilterSubject) -> Bool {
        condition?.matches(subject) ?? true
    }

    /// Whether the filter matches everything.
    var isEmpty: Bool { condition == nil }

    /// The filter in canonical form (documented spellings, quoted strings, `Z` times, `NOT` for `-`, `AND` for
    /// juxtaposition, single spaces, every nested group parenthesized), which parses back to an equal expression.
    var description: String { condition?.description ?? "" }
}

/// The logical structure of a Vertex AI filter: restrictions combined with AND, OR and NOT.
///
/// Build conjunctions and disjunctions with ``allOf(_:)`` and ``anyOf(_:)``, which flatten nested ones, so that
/// `(a AND b) AND c` and `a AND b AND c` are one value.
indirect enum VertexFilterCondition: Sendable, Hashable, CustomStringConvertible {
    /// One restriction.
    case comparison(VertexFilterComparison)
    /// `NOT x` or `-x`.
    case not(VertexFilterCondition)
    /// Every part holds.
    case and([VertexFilterCondition])
    /// Some part holds.
    case or([VertexFilterCondition])

    /// The conjunction of `parts`: the part itself when there is one, nested conjunctions spliced in.
    static func allOf(_ parts: [VertexFilterCondition]) -> VertexFilterCondition {
        if parts.count == 1, let only = parts.first { return only }
        return .and(
            parts.flatMap { part -> [VertexFilterCondition] in
                if case .and(let inner) = part { return inner }
                return [part]
            })
    }

    /// The disjunction of `parts`: the part itself when there is one, nested disjunctions spliced in.
    static func anyOf(_ parts: [VertexFilterCondition]) -> VertexFilterCondition {
        if parts.count == 1, let only = parts.first { return only }
        return .or(
            parts.flatMap { part -> [VertexFilterCondition] in
                if case .or(let inner) = part { return inner }
                return [part]
            })
    }

    /// Whether `subject` satisfies the condition.
    func matches(_ subject: some VertexFilterSubject) -> Bool {
        switch self {
        case .comparison(let comparison): return comparison.matches(subject)
        case .not(let inner): return !inner.matches(subject)
        case .and(let parts): return parts.allSatisfy { $0.matches(subject) }
        case .or(let parts): return parts.contains { $0.matches(subject) }
        }
    }

    /// The condition in canonical form. Nested groups are always parenthesized, `a AND (b OR c)`, although OR binds
    /// tighter than AND and `a AND b OR c` means the same: a reader need not know AIP-160's precedence.
    var description: String {
        switch self {
        case .comparison(let comparison):
            return comparison.description
        case .not(let inner):
            switch inner {
            case .comparison, .not: return "NOT \(inner)"
            case .and, .or: return "NOT (\(inner))"
            }
        case .and(let parts):
            return parts.map(\.groupDescription).joined(separator: " AND ")
        case .or(let parts):
            return parts.map(\.groupDescription).joined(separator: " OR ")
        }
    }

    /// How deeply the condition nests: 1 for a restriction, one more for each NOT and each group around it. Its
    /// canonical form never nests deeper than this when parsed, so a filter whose tree is within the parser's limit
    /// has a canonical form within it too.
    var nesting: Int {
        switch self {
        case .comparison: 1
        case .not(let inner): 1 + inner.nesting
        case .and(let parts), .or(let parts): 1 + (parts.map(\.nesting).max() ?? 0)
        }
    }

    /// The condition as a part of an AND or OR: parenthesized when it is a group itself.
    private var groupDescription: String {
        switch self {
        case .and, .or: "(\(description))"
        case .comparison, .not: description
        }
    }
}
