import AutoMLClient

/// `value(FIELD,...)`: for each item of a list (or the one result), the fields tab-separated on one line.
///
/// Fields are ``ResultPath``s relative to the item: `name`, `metadata.progressPercent`,
/// `confidenceMetricsEntry[0].recall`, `name:id`. A missing field prints as an empty string; an object or
/// array prints as compact JSON. Tabs, newlines and other control characters in a value become spaces, so every
/// item stays one line of tab-separated fields. Never coloured: this format is for scripts.
struct ValueRenderer: Sendable {
    var fields: [String]

    /// One line per row, each ending in a newline; nothing for an empty list.
    func render(_ value: JSONValue) -> String {
        let paths = fields.map { ResultPath(parsing: $0) }
        return ResultShape(value).rows.map { row in
            paths.map { TableLayout.clean($0?.text(in: row) ?? "") }.joined(separator: "\t") + "\n"
        }.joined()
    }
}
