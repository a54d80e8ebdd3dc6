/// Lays out a table as aligned columns separated by two spaces, fitted to a width.
///
/// Each column is as wide as its widest cell or header. When the table is wider than the terminal, the widest
/// column gives up a character at a time (never below six, or its natural width if narrower) and cells that no
/// longer fit end in `…`. Widths count characters, so wide (CJK) characters can misalign. Lines have no
/// trailing spaces.
struct TableLayout: Sendable {
    var headers: [String]
    var rows: [[String]]

    /// Columns never shrink below this many characters to fit the width.
    static let minimumColumnWidth = 6
    static let separator = "  "

    /// The table's lines joined, ending in a newline; headers bold when `bold` is on.
    func render(width: Int, bold: Bool) -> String {
        let widths = fittedWidths(width: width)
        let painter = Painter(enabled: bold)
        var lines = [line(headers, widths: widths) { painter.paint($0, .bold) }]
        lines += rows.map { line($0, widths: widths) { $0 } }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The widths of the columns after shrinking to fit `width`.
    func fittedWidths(width: Int) -> [Int] {
        var widths = headers.indices.map { column in
            rows.reduce(headers[column].count) { max($0, Self.clean($1[column]).count) }
        }
        let floors = widths.map { min($0, Self.minimumColumnWidth) }
        let separators = Self.separator.count * max(0, widths.count - 1)
        var excess = widths.reduce(separators, +) - width
        while excess > 0 {
            guard let widest = widths.indices.filter({ widths[$0] > floors[$0] }).max(by: { widths[$0] < widths[$1] })
            else { break }
            widths[widest] -= 1
            excess -= 1
        }
        return widths
    }

    private func line(_ cells: [String], widths: [Int], style: (String) -> String) -> String {
        var text = ""
        for (column, cell) in cells.enumerated() {
            let fitted = Self.truncate(Self.clean(cell), to: widths[column])
            let padding = column == cells.count - 1 ? "" : String(repeating: " ", count: widths[column] - fitted.count)
            text += (column == 0 ? "" : Self.separator) + style(fitted) + padding
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// A cell on one line: newlines, tabs and other control characters become spaces.
    static func clean(_ cell: String) -> String {
        guard cell.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return cell }
        return String(String.UnicodeScalarView(cell.unicodeScalars.map {
            $0.properties.generalCategory == .control ? " " : $0
        }))
    }

    /// The text cut to at most `width` characters, ending in `…` when it was longer (spaces before the `…` are
    /// dropped, so `DISPLAY NAME` becomes `DISPLAY…`, not `DISPLAY …`).
    static func truncate(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(width)) }
        var kept = text.prefix(width - 1)
        while kept.last == " " { kept.removeLast() }
        return kept + "…"
    }
}
