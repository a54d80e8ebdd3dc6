package import AutoMLClient

/// Turns a result (a wire message as proto3 JSON, `message.protoJSON(options: .canonical)`) into text in one
/// of the output formats. Pure: the caller writes the text where it belongs.
package enum Renderer {
    /// Renders a result; the text ends in a newline unless it is empty (a `value(...)` of an empty list).
    ///
    /// - `json`: two-space indent, members ordered `@type`, `name`, `displayName`, then the rest sorted.
    /// - `yaml`: block style in the same order, strings quoted only when needed.
    /// - `table`: one row per item of a list (a bare array, or a List response's one array member) with
    ///   columns for its kind of resource; a FIELD/VALUE table for one object. Fitted to `width` with `…`.
    /// - `value(FIELD,...)`: the fields of each item, tab-separated, one line per item.
    ///
    /// - Parameters:
    ///   - colors: ANSI colours for json and yaml (keys cyan, strings green, numbers yellow, booleans and null
    ///     magenta) and bold table headers; never for `value(...)`, and nothing at all when false.
    ///   - width: The terminal width that tables fit into.
    package static func render(_ value: JSONValue, format: OutputFormat, colors: Bool, width: Int) -> String {
        switch format {
        case .json: JSONRenderer(colors: colors).render(value)
        case .yaml: YAMLRenderer(colors: colors).render(value)
        case .table: TableRenderer(colors: colors, width: width).render(value)
        case .value(let fields): ValueRenderer(fields: fields).render(value)
        }
    }
}
