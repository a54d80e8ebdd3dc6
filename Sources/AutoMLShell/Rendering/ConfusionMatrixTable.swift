import AutoMLClient

/// A confusion matrix as a table: one row per true label, one column per predicted label, the counts of test
/// images. Labels that do not fit the width are left out with a line saying how many (the JSON has them all).
struct ConfusionMatrixTable: Sendable {
    var matrix: ClassificationEvaluationMetrics.ConfusionMatrix
    var width: Int

    /// Names longer than this are cut with `…`.
    static let maxNameWidth = 12

    func lines() -> [String] {
        let count = matrix.row.count
        let names = (0..<count).map { index -> String in
            let name = index < matrix.displayName.count ? matrix.displayName[index] : ""
            let label =
                name.isEmpty ? (index < matrix.annotationSpecId.count ? matrix.annotationSpecId[index] : "?") : name
            return Self.cut(label)
        }
        let largest = matrix.row.flatMap(\.exampleCount).max() ?? 0
        let rowLabelWidth = names.map(TabCompletion.displayWidth).max() ?? 1
        let cellWidth = max(String(largest).count, names.map(TabCompletion.displayWidth).max() ?? 1) + 1
        let fitting = max(1, (width - rowLabelWidth - 2) / cellWidth)
        let shown = min(count, fitting)
        var lines = ["", "Confusion matrix (rows: true label; columns: predicted label)"]
        lines.append(
            Self.pad("", rowLabelWidth + 2)
                + names.prefix(shown).map { Self.padLeft($0, cellWidth) }.joined())
        for (index, row) in matrix.row.enumerated() {
            let cells = (0..<shown).map { column in
                Self.padLeft(column < row.exampleCount.count ? String(row.exampleCount[column]) : "", cellWidth)
            }
            lines.append("  " + Self.pad(names[index], rowLabelWidth) + cells.joined())
        }
        if shown < count {
            let more = count - shown
            lines.append(
                "  (\(more) more predicted label\(more == 1 ? " does" : "s do") not fit; "
                    + "`--format json` shows them all)")
        }
        return lines
    }

    private static func cut(_ name: String) -> String {
        guard TabCompletion.displayWidth(name) > maxNameWidth else { return name }
        var result = ""
        for character in name {
            if TabCompletion.displayWidth(result + String(character)) > maxNameWidth - 1 { break }
            result.append(character)
        }
        return result + "…"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - TabCompletion.displayWidth(text)))
    }

    private static func padLeft(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - TabCompletion.displayWidth(text))) + text
    }
}
