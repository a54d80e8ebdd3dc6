import AutoMLClient

/// A column of a list table: an uppercase header and how a row's cell is read from an item.
struct TableColumn: Sendable {
    var header: String
    var cell: @Sendable (JSONObject) -> String
    /// Whether the column holds IDs, which shrink only after every other column has (see ``TableLayout``).
    var isKey = false

    init(_ header: String, _ cell: @escaping @Sendable (JSONObject) -> String) {
        self.header = header
        self.cell = cell
    }

    /// This column marked as holding IDs.
    var key: TableColumn {
        var column = self
        column.isKey = true
        return column
    }

    /// A cell from a path; `default` when the member is absent (proto3 JSON omits zeros, false and "").
    init(_ header: String, path: String, default fallback: String = "") {
        let parsed = ResultPath(parsing: path)
        self.init(header) { item in parsed?.text(in: .object(item)) ?? fallback }
    }

    /// The ID: the last segment of `name`.
    static let id = TableColumn("ID", path: "name:id").key
    static let displayName = TableColumn("DISPLAY NAME", path: "displayName")

    /// A timestamp without its fraction of a second: `2024-03-01T12:00:00Z`.
    static func time(_ header: String, path: String) -> TableColumn {
        let parsed = ResultPath(parsing: path)
        return TableColumn(header) { item in
            guard let text = parsed?.text(in: .object(item)) else { return "" }
            guard let dot = text.firstIndex(of: "."), text.hasSuffix("Z") else { return text }
            return String(text[..<dot]) + "Z"
        }
    }
}
