import AutoMLClient

/// Prints a List response's items as their pages arrive, in the text the whole response would render to: the
/// same JSON, YAML or `value(…)` lines, written page by page so that the first items show at once and a long list
/// never waits for its last page. Tables need every row to fit their columns: ``pageText(_:)`` returns nil for
/// them and the caller renders the whole list at the end. Pure.
struct ListingRenderer {
    let format: OutputFormat
    /// The member of the response that holds the items (`model`, `datasets`, `operations`).
    let collection: String
    let colors: Bool
    private var written = 0

    init(format: OutputFormat, collection: String, colors: Bool) {
        self.format = format
        self.collection = collection
        self.colors = colors
    }

    /// Whether the format prints page by page.
    var streams: Bool {
        if case .table = format { return false }
        return true
    }

    /// The text of one more page; nil for a table.
    mutating func pageText(_ items: [JSONValue]) -> String? {
        guard streams, !items.isEmpty else { return streams ? "" : nil }
        defer { written += items.count }
        switch format {
        case .json:
            let renderer = JSONRenderer(colors: colors)
            var text = written == 0 ? "{\n  " + renderer.key(collection) + ": [\n" : ",\n"
            for (position, item) in items.enumerated() {
                if position > 0 { text += ",\n" }
                text += "    " + renderer.render(item, indent: "    ")
            }
            return text
        case .yaml:
            // The last line's newline waits for the next page (or the end), where the whole document has it.
            let renderer = YAMLRenderer(colors: colors)
            let document = renderer.render(.array(items))
            let lines = document.dropLast(renderer.finalReset.count + 1).split(
                separator: "\n", omittingEmptySubsequences: false)
            let head = written == 0 ? renderer.key(collection) + ":\n" : "\n"
            return head + lines.map { "  " + $0 }.joined(separator: "\n")
        case .value(let fields):
            return ValueRenderer(fields: fields).render(.array(items))
        case .table:
            return nil
        }
    }

    /// What ends the output: the closing brackets, or the whole of an empty list (`{}`, as the response renders).
    func endText() -> String {
        switch format {
        case .json:
            return written == 0 ? "{}\n" : "\n  ]\n}" + JSONRenderer(colors: colors).finalReset + "\n"
        case .yaml:
            return written == 0 ? "{}\n" : YAMLRenderer(colors: colors).finalReset + "\n"
        case .value, .table:
            return ""
        }
    }
}
