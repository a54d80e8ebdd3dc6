/// Lays out a table as aligned columns separated by two spaces, fitted to a width.
///
/// Each column is as wide as its widest cell or header. When the table is wider than the terminal, the widest
/// column gives up a column at a time (never below six, or its natural width if narrower); key columns (IDs) never
/// shrink, since a cut ID cannot be copied into the next command (nor do right-aligned numbers); when they do not fit
/// beside the other columns at their narrowest, the rightmost other columns are left out. Cells that no longer fit are cut with `…` in the
/// middle, which keeps both ends of a name (`flowers_…_v2`), or at the start for columns of paths, whose ends say
/// the most; headers are cut at the end. Widths are terminal columns (``DisplayWidth``: CJK and emoji take two).
/// Lines have no trailing spaces.
struct TableLayout: Sendable {
    var headers: [String]
    var rows: [[String]]
    /// Columns that never shrink: the IDs a person copies into the next command.
    var keyColumns: Set<Int> = []
    /// Columns cut at the start rather than the end (`…Entry[0].recall`).
    var cutAtStart: Set<Int> = []
    /// Columns of numbers, aligned on the right (their headers too); like IDs, they are never cut.
    var rightAligned: Set<Int> = []

    /// Columns left out, in this order, while the table is wider than the terminal, before any column is cut.
    var optionalColumns: [Int] = []

    /// Columns never shrink below this many characters to fit the width.
    static let minimumColumnWidth = 6
    static let separator = "  "

    /// The table's lines joined, ending in a newline; headers bold when `bold` is on.
    func render(width: Int, bold: Bool) -> String {
        let kept = keptColumns(width: width)
        guard kept.count == headers.count else {
            let pick = { (cells: [String]) in kept.map { cells[$0] } }
            let remap = { (columns: Set<Int>) in Set(kept.indices.filter { columns.contains(kept[$0]) }) }
            return TableLayout(
                headers: pick(headers), rows: rows.map(pick), keyColumns: remap(keyColumns),
                cutAtStart: remap(cutAtStart), rightAligned: remap(rightAligned)
            ).render(width: width, bold: bold)
        }
        let widths = fittedWidths(width: width)
        let painter = Painter(enabled: bold)
        var lines = [line(headers, widths: widths, isHeader: true) { painter.paint($0, .bold) }]
        lines += rows.map { line($0, widths: widths, isHeader: false) { $0 } }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The columns shown at `width`: all, less the optional ones the table is too wide for.
    func keptColumns(width: Int) -> [Int] {
        let natural = headers.indices.map { column in
            rows.reduce(DisplayWidth.of(headers[column])) { max($0, DisplayWidth.of(Self.clean($1[column]))) }
        }
        var kept = Array(headers.indices)
        let total = { kept.reduce(Self.separator.count * max(0, kept.count - 1)) { $0 + natural[$1] } }
        for column in optionalColumns where total() > width {
            kept.removeAll { $0 == column }
        }
        // IDs and numbers are never cut: when they do not fit beside the others at their narrowest, the rightmost
        // of the others are left out.
        let narrowest = {
            kept.reduce(Self.separator.count * max(0, kept.count - 1)) { sum, column in
                let fixed = keyColumns.contains(column) || rightAligned.contains(column)
                return sum + (fixed ? natural[column] : min(natural[column], Self.minimumColumnWidth))
            }
        }
        while narrowest() > width, kept.count > 1,
            let last = kept.last(where: { !keyColumns.contains($0) && !rightAligned.contains($0) && $0 != kept[0] })
        {
            kept.removeAll { $0 == last }
        }
        return kept
    }

    /// The widths of the columns after shrinking to fit `width`.
    func fittedWidths(width: Int) -> [Int] {
        var widths = headers.indices.map { column in
            rows.reduce(DisplayWidth.of(headers[column])) { max($0, DisplayWidth.of(Self.clean($1[column]))) }
        }
        let floors = widths.map { min($0, Self.minimumColumnWidth) }
        let separators = Self.separator.count * max(0, widths.count - 1)
        var excess = widths.reduce(separators, +) - width
        let shrinking = widths.indices.filter { !keyColumns.contains($0) && !rightAligned.contains($0) }
        while excess > 0 {
            let candidates = shrinking.filter { widths[$0] > floors[$0] }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
            excess -= 1
        }
        return widths
    }

    private func line(_ cells: [String], widths: [Int], isHeader: Bool, style: (String) -> String) -> String {
        var text = ""
        for (column, cell) in cells.enumerated() {
            let clean = Self.clean(cell)
            let fitted =
                cutAtStart.contains(column)
                ? Self.truncateStart(clean, to: widths[column])
                : isHeader ? Self.truncate(clean, to: widths[column]) : Self.truncateMiddle(clean, to: widths[column])
            let padding = String(repeating: " ", count: max(0, widths[column] - DisplayWidth.of(fitted)))
            if rightAligned.contains(column) {
                text += (column == 0 ? "" : Self.separator) + padding + style(fitted)
            } else {
                text += (column == 0 ? "" : Self.separator) + style(fitted) + (column == cells.count - 1 ? "" : padding)
            }
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// A cell on one line: newlines, tabs and other control characters become spaces.
    static func clean(_ cell: String) -> String {
        guard cell.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return cell }
        return String(
            String.UnicodeScalarView(
                cell.unicodeScalars.map {
                    $0.properties.generalCategory == .control ? " " : $0
                }))
    }

    /// The text cut to at most `width` characters, ending in `…` when it was longer (spaces before the `…` are
    /// dropped, so `DISPLAY NAME` becomes `DISPLAY…`, not `DISPLAY …`).
    static func truncate(_ text: String, to width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        guard width > 1 else { return String(DisplayWidth.prefix(text, width: width)) }
        var kept = DisplayWidth.prefix(text, width: width - 1)
        while kept.last == " " { kept.removeLast() }
        return kept + "…"
    }

    /// The text cut to at most `width` columns, starting with `…` when it was longer.
    static func truncateStart(_ text: String, to width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        guard width > 1 else { return String(DisplayWidth.suffix(text, width: width)) }
        var kept = DisplayWidth.suffix(text, width: width - 1)
        while kept.first == " " { kept.removeFirst() }
        return "…" + kept
    }

    /// The text cut to at most `width` columns with `…` in the middle when it was longer: the end of a name often
    /// tells it from its neighbours (`flowers_…_v2`, `flowers_…_v3`).
    static func truncateMiddle(_ text: String, to width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        guard width > 4 else { return truncate(text, to: width) }
        let tail = (width - 1) / 2
        let head = DisplayWidth.prefix(text, width: width - 1 - tail)
        let end = DisplayWidth.suffix(text, width: width - 1 - DisplayWidth.of(head))
        return head + "…" + end
    }
}
