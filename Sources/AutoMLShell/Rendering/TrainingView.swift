import AutoMLWire
import Foundation

/// What `watch` shows of a training on a terminal: a bar of the budget spent with the elapsed time and an estimate
/// of the time left, and, from the local backend's training log, the search as it happens — each candidate with its
/// epochs and best validation score, a chart of the current one's validation scores, its learning rate and when it
/// was lowered, and why training stopped.
///
/// ```
/// createModel ICN123  running  ▕██████████▌         ▏ 52%  0:19 elapsed, about 0:17 left
///   CANDIDATE                     EPOCHS  BEST ACCURACY  VALIDATION
///   linear features @64                6          0.812
///   cnn w16 d4 @64                     4          0.850
/// ▸ cnn w16 d4 @64 colour-aug (kept)  12          0.901  ▁▂▄▅▆▇▇█
///   epoch 12: accuracy 0.897, learning rate 0.0009 (lowered after epoch 9)
/// ```
struct TrainingView {
    /// `createModel ICN123`.
    var title: String
    /// `running`, `done`, `failed`.
    var status: String
    var percent: Int?
    /// Seconds since the training started.
    var elapsed: Double
    var log: TrainingLog?

    /// Cells of the bar.
    static let barCells = 20
    /// Epochs the chart shows.
    static let chartEpochs = 16

    /// The lines, each fitted to `width` columns.
    func lines(width: Int, colors: Bool) -> [String] {
        var lines = [head(width: width, colors: colors)]
        guard let log, !log.candidates.isEmpty else { return lines + stopLine(width: width) }
        let metric = log.metric ?? "score"
        let currentIndex = log.candidates.count - 1
        let rows = log.candidates.enumerated().map { index, candidate -> [String] in
            let isCurrent = index == currentIndex && status == "running"
            let name = (isCurrent ? "▸ " : "  ") + candidate.name + (candidate.chosen ? " (kept)" : "")
            let best = candidate.bestValidationScore.map(Self.score) ?? ""
            let chart = index == currentIndex ? Self.chart(candidate.validationScores.suffix(Self.chartEpochs)) : ""
            return [name, String(candidate.epochs), best, chart]
        }
        let aligned = TableLayout(
            headers: ["  CANDIDATE", "EPOCHS", "BEST " + metric.uppercased(), "VALIDATION"], rows: rows,
            rightAligned: [1, 2])
        // Below about 30 columns even the narrowest table is too wide: its lines are cut, without bold headers.
        let plain = aligned.render(width: max(20, width - 1), bold: false).split(separator: "\n").map(String.init)
        if !plain.allSatisfy({ DisplayWidth.of($0) < width }) {
            lines += plain.map { Self.fitted($0, width: width) }
        } else if colors {
            lines += aligned.render(width: max(20, width - 1), bold: true).split(separator: "\n").map(String.init)
        } else {
            lines += plain
        }
        if let current = log.current, status == "running" {
            var detail = "  epoch \(current.epochs)"
            if let last = current.validationScores.last { detail += ": \(metric) \(Self.score(last))" }
            if let rate = current.learningRate { detail += ", learning rate \(Self.rate(rate))" }
            if !current.learningRateDrops.isEmpty {
                let epochs = current.learningRateDrops.map(String.init).joined(separator: ", ")
                detail += " (lowered after epoch\(current.learningRateDrops.count == 1 ? "" : "s") \(epochs))"
            }
            lines.append(Self.fitted(detail, width: width))
        }
        return lines + stopLine(width: width)
    }

    /// `createModel ICN123  running  ▕███▌   ▏ 52%  0:19 elapsed, about 0:17 left`, the bar green; cut to the width
    /// without colour, so that no escape is cut.
    private func head(width: Int, colors: Bool) -> String {
        func text(_ painter: Painter) -> String {
            var head = "\(title)  \(status)"
            if let shown = shownPercent {
                head += "  " + painter.paint(Self.bar(percent: shown), .green) + " \(shown)%"
                if budgetPercent != nil { head += " of the budget" }
            }
            head += "  \(Self.duration(elapsed)) elapsed"
            if let left = remaining { head += ", about \(Self.duration(left)) left" }
            return head
        }
        let plain = text(Painter(enabled: false))
        return DisplayWidth.of(plain) < width ? text(Painter(enabled: colors)) : Self.fitted(plain, width: width)
    }

    /// The share of the budget spent, from the training log: also right when training stopped early (the operation
    /// then says 100%).
    var budgetPercent: Int? {
        guard let log, log.budgetMilliNodeHours > 0 else { return nil }
        let spent = Double(max(0, log.spentMilliNodeHours)) / Double(log.budgetMilliNodeHours)
        return Int(min(100, spent * 100))
    }

    /// What the bar shows: the budget spent when the log says, else the operation's progress.
    var shownPercent: Int? { budgetPercent ?? percent }

    /// The time left at the pace so far: the budget is spent at a steady rate, so the rest takes as long per percent
    /// (early stopping may end it sooner).
    var remaining: Double? {
        guard status == "running", let percent = shownPercent, percent > 0, percent < 100, elapsed > 0 else {
            return nil
        }
        return elapsed * Double(100 - percent) / Double(percent)
    }

    private func stopLine(width: Int) -> [String] {
        guard let reason = log?.stopReason else { return [] }
        let said =
            switch reason {
            case "BUDGET_REACHED": "stopped: the budget was spent (BUDGET_REACHED)"
            case "MODEL_CONVERGED": "stopped early: the model no longer improved (MODEL_CONVERGED)"
            default: "stopped: \(reason)"
            }
        return [Self.fitted("  " + said, width: width)]
    }

    /// `▕██████████▌         ▏`: the share of `barCells` filled, in eighths.
    static func bar(percent: Int) -> String {
        let eighths = min(100, max(0, percent)) * barCells * 8 / 100
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        let full = String(repeating: "█", count: eighths / 8)
        let filled = full + partial
        return "▕" + filled + String(repeating: " ", count: barCells - DisplayWidth.of(filled)) + "▏"
    }

    /// `▁▂▄▅▆▇▇█`: each score's height between the lowest and the highest shown.
    static func chart(_ scores: some Collection<Double>) -> String {
        guard let low = scores.min(), let high = scores.max() else { return "" }
        let levels = Array("▁▂▃▄▅▆▇█")
        return String(
            scores.map { score in
                high - low < 1e-9 ? levels[3] : levels[min(7, Int((score - low) / (high - low) * 7.999))]
            })
    }

    /// `0:19`, `12:05`, `1:02:03`.
    static func duration(_ seconds: Double) -> String {
        let total = max(0, Int(seconds.rounded()))
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        let two = { (value: Int) in value < 10 ? "0\(value)" : String(value) }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(rest))" : "\(minutes):\(two(rest))"
    }

    static func score(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        return String(format: "%.3f", value)
    }

    /// A learning rate in four significant digits at most: `0.003`, `0.0009`.
    static func rate(_ value: Double) -> String {
        var text = String(format: "%.4g", value)
        if text.contains("e") { text = String(format: "%.6f", value) }
        while text.contains("."), text.last == "0" { text.removeLast() }
        return text
    }

    /// The line cut to the terminal, one column short of it so that no line wraps.
    static func fitted(_ line: String, width: Int) -> String {
        DisplayWidth.of(line) < width ? line : TableLayout.truncate(line, to: max(10, width - 1))
    }
}
