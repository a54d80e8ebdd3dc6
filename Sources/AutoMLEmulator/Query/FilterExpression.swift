/// A parsed `filter` of a v1 list call: terms joined by `AND`. The empty filter matches everything.
///
/// The grammar is the subset of AIP-160 the v1 API documents (reference §2.5):
///
/// ```
/// filter   = [ term { "AND" term } ]
/// term     = field ( "=" | "!=" ) value      e.g. dataset_id=5, done = true
///          | field ":" "*"                   e.g. image_classification_dataset_metadata:*
///          | ( "NOT" | "-" ) field ":" "*"   e.g. NOT annotation_spec_id:*
/// value    = bare word | "double-quoted"     booleans are true / false
/// ```
///
/// Whitespace around operators is optional. Keywords are case-sensitive as in AIP-160: only `AND` and `NOT`, never
/// `and` or `not`. `OR`, parentheses, `<`, `>`, `NOT` before a comparison and fields the list does not know are
/// errors. In `worksOn` a value ending in `/*` stands for any single child, as in the Node.js sample.
struct FilterExpression: Sendable, Hashable, CustomStringConvertible {
    /// The list the filter was parsed for.
    var list: FilterableList
    /// The conditions, all of which must hold; empty matches everything.
    var terms: [FilterTerm]

    /// A filter of `terms` on `list`.
    init(list: FilterableList, terms: [FilterTerm] = []) {
        self.list = list
        self.terms = terms
    }

    /// Parses `text` as a filter on `list`; an empty or all-blank text matches everything.
    init(parsing text: String, for list: FilterableList) throws(FilterError) {
        var parser = FilterParser(text: text, list: list)
        self.init(list: list, terms: try parser.parse())
    }

    /// Whether `subject` passes every term.
    func matches(_ subject: some FilterSubject) -> Bool {
        terms.allSatisfy { $0.matches(subject) }
    }

    /// Whether the filter matches everything.
    var isEmpty: Bool { terms.isEmpty }

    /// The filter in canonical form (documented spellings, quoted strings, single spaces), which parses back to an
    /// equal expression. Two spellings of one filter (`done=true`, `done = true`) have the same canonical form.
    var description: String {
        terms.map(\.description).joined(separator: " AND ")
    }
}
