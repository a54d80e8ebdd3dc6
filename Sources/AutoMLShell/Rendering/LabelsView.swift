/// `labels` on a terminal: a row per label with a bar per split (each split's bars on one scale), the label's total,
/// and beside the labels that fall short what they fall short of; the dataset-wide problems and advice below.
///
///     flowers: 24 images, 2 labels
///     label  TRAIN          VALIDATION    TEST          total
///     daisy  ██████████ 10  ████████   1  ████████   1     12  about 1,000 recommended
struct LabelsView {
    var width: Int
    var colors: Bool

    static let splits = ["TRAIN", "VALIDATION", "TEST"]

    /// A row's images in the split at `index` of ``splits``.
    static func count(_ row: LabelStats.Row, split index: Int) -> Int {
        [row.train, row.validation, row.test][index]
    }

    func render(_ stats: LabelStats, title: String) -> String {
        let painter = Painter(enabled: colors)
        let images = stats.rows.map(\.total).reduce(0, +)
        var lines = [
            painter.paint(title, .bold) + ": \(images) " + (stats.isDetection ? "labelled images" : "images")
                + ", \(stats.rows.count) label\(stats.rows.count == 1 ? "" : "s")"
        ]
        guard !stats.rows.isEmpty else {
            lines.append(painter.paint("no labelled images: import some with `dataset import`", .red))
            return lines.joined(separator: "\n") + "\n"
        }
        let labelWidth = min(24, max(5, stats.rows.map(\.label.count).max() ?? 5))
        let countWidth = max(1, String(stats.rows.map { max($0.train, $0.validation, $0.test) }.max() ?? 0).count)
        let totalWidth = max(5, String(stats.rows.map(\.total).max() ?? 0).count)
        let noteWidth = 24
        let fixed = labelWidth + 2 + 3 * (countWidth + 3) + totalWidth + 2 + noteWidth
        let barWidth = max(3, min(20, (width - 1 - fixed) / 3))
        let columnWidth = barWidth + 1 + countWidth
        let maxima = Self.splits.indices.map { split in
            max(1, stats.rows.map { Self.count($0, split: split) }.max() ?? 1)
        }

        var header = pad("label", labelWidth) + "  "
        header += Self.splits.map { pad($0, columnWidth) }.joined(separator: "  ")
        header += "  " + leftPad("total", totalWidth)
        lines.append(painter.paint(header, .bold))
        for row in stats.rows {
            var line = pad(String(row.label.prefix(labelWidth)), labelWidth) + "  "
            line += Self.splits.indices.map { index in
                let count = Self.count(row, split: index)
                let bar = pad(Self.bar(count, of: maxima[index], width: barWidth), barWidth)
                return painter.paint(bar, .cyan) + " " + leftPad(String(count), countWidth)
            }.joined(separator: "  ")
            line += "  " + leftPad(String(row.total), totalWidth)
            if row.total < LabelStats.minimumPerLabel {
                line += "  " + painter.paint("below the minimum of \(LabelStats.minimumPerLabel)", .red)
            } else if row.total < LabelStats.recommendedPerLabel {
                line += "  " + painter.paint("about 1,000 recommended", .yellow)
            }
            lines.append(line)
        }
        let unassigned = stats.unassignedImages
        if unassigned > 0 {
            lines.append("\(unassigned) image(s) have no split (counted in total only): the service splits them")
        }
        if let imbalance = stats.imbalance { lines.append(painter.paint("advice: " + imbalance, .yellow)) }
        if stats.rows.contains(where: { $0.total < LabelStats.minimumPerLabel }) {
            lines.append("training stops at labels below the minimum (`train --force` goes past the check)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A bar of `count` out of `maximum` in `width` cells, in eighths of a cell; a count above zero shows at least
    /// an eighth.
    static func bar(_ count: Int, of maximum: Int, width: Int) -> String {
        guard count > 0, maximum > 0 else { return "" }
        let eighths = max(1, Int((Double(count) / Double(maximum) * Double(width * 8)).rounded()))
        let partial: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + (eighths % 8 == 0 ? "" : String(partial[eighths % 8 - 1]))
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private func leftPad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
