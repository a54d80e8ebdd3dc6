/// A precision/recall curve as rows of block characters: recall across, precision up, each column filled to the
/// interpolated precision at its recall — the best precision at that recall or more, the curve the area under the
/// PR curve is taken from. Eight rows of eight steps each.
struct PrecisionRecallChart: Sendable {
    var points: [CurvePoint]
    /// The terminal width; the plot takes up to 60 columns of it.
    var width: Int

    static let rows = 8
    /// The partial blocks, from empty to full, in eighths.
    static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// The labels' width: `100% `.
    private static let gutter = 5

    var columns: Int { max(20, min(60, width - Self.gutter - 2)) }

    /// The interpolated precision at the middle of each column, from 0 (nothing reaches that recall) to 1.
    func heights() -> [Float] {
        (0..<columns).map { column in
            let recall = (Float(column) + 0.5) / Float(columns)
            return points.filter { $0.recall >= recall && $0.precision.isFinite }.map(\.precision).max() ?? 0
        }
    }

    /// The title, the plot and its axis; nothing when there are no points.
    func lines(title: String) -> [String] {
        guard !points.isEmpty else { return [] }
        // A value outside 0...1 (or not a number, which proto3 JSON allows) is drawn clamped, or empty.
        let eighths = heights().map { $0.isFinite ? Int((min(1, max(0, $0)) * Float(Self.rows * 8)).rounded()) : 0 }
        var lines = ["", "\(title) (the best precision at that recall or more)"]
        for row in 0..<Self.rows {
            let floor = (Self.rows - 1 - row) * 8
            var plot = String(eighths.map { Self.blocks[min(8, max(0, $0 - floor))] })
            while plot.last == " " { plot.removeLast() }
            let label: String
            switch row {
            case 0: label = "100% ┤"
            case Self.rows / 2: label = " 50% ┤"
            default: label = "     │"
            }
            lines.append(label + plot)
        }
        lines.append("  0% └" + String(repeating: "─", count: columns))
        let middle = "recall"
        let left = "0%"
        let right = "100%"
        let gap = columns - left.count - middle.count - right.count
        lines.append(
            String(repeating: " ", count: Self.gutter + 1) + left
                + String(repeating: " ", count: max(1, gap / 2)) + middle
                + String(repeating: " ", count: max(1, gap - gap / 2)) + right)
        return lines
    }
}
