import AutoMLClient
import Foundation

/// `model diff A B`: two models' settings and overall figures side by side, the better value of each comparable row
/// marked (`*`, green with colour): higher figures, lower log loss, fewer node hours for the same result.
struct ModelDiffView {
    var first: ModelFacts
    var second: ModelFacts

    /// Which side is better in a row.
    enum Better: String, Sendable { case first, second }

    struct Row: Sendable {
        var field: String
        var first: String
        var second: String
        var better: Better?
    }

    var rows: [Row] {
        func text(_ row: String, _ get: (ModelFacts) -> String) -> Row {
            Row(field: row, first: get(first), second: get(second))
        }
        func number(_ row: String, higherIsBetter: Bool = true, _ get: (EvaluationFigures) -> Double?) -> Row? {
            let values = (first.figures.flatMap(get), second.figures.flatMap(get))
            guard values.0 != nil || values.1 != nil else { return nil }
            var better: Better?
            if let a = values.0, let b = values.1, abs(a - b) >= 0.0005 {
                better = (a > b) == higherIsBetter ? .first : .second
            }
            let shown = { (value: Double?) in value.map(TrainingView.score) ?? "-" }
            return Row(field: row, first: shown(values.0), second: shown(values.1), better: better)
        }
        var rows = [
            text("display name") { $0.displayName },
            text("dataset") { $0.dataset },
            text("model type") { $0.modelType },
            text("budget (node hours)") { $0.budgetMilliNodeHours.map(ModelFacts.nodeHours) ?? "-" },
        ]
        var cost = text("cost (node hours)") { $0.costMilliNodeHours.map(ModelFacts.nodeHours) ?? "-" }
        if let a = first.costMilliNodeHours, let b = second.costMilliNodeHours, a != b {
            cost.better = a < b ? .first : .second
        }
        rows += [
            cost,
            text("stopped") { $0.stopText },
            text("base model") { $0.baseModel.isEmpty ? "-" : $0.baseModel },
            text("created") { $0.created.map { String(Timestamp($0).rfc3339.prefix(19)) + "Z" } ?? "-" },
        ]
        rows += [
            number("auPRC") { $0.auPrc },
            number("precision at 0.5") { $0.precision },
            number("recall at 0.5") { $0.recall },
            number("F1 at 0.5") { $0.f1 },
            number("log loss", higherIsBetter: false) { $0.logLoss },
            number("mAP at IoU 0.5") { $0.meanAveragePrecision50 },
            number("mAP at IoU 0.75") { $0.meanAveragePrecision75 },
        ].compactMap { $0 }
        rows.append(text("test images") { $0.figures.map { String($0.testImages) } ?? "-" })
        return rows
    }

    func render(width: Int, colors: Bool) -> String {
        let painter = Painter(enabled: colors)
        let mark = { (value: String, isBetter: Bool) in isBetter ? value + " *" : value }
        let table = rows.map { row in
            [row.field, mark(row.first, row.better == .first), mark(row.second, row.better == .second)]
        }
        var text = TableLayout(headers: ["", first.id, second.id], rows: table, keyColumns: [1, 2]).render(
            width: width, bold: colors)
        // Colour after layout, so that escapes do not count as width.
        if colors { text = text.replacingOccurrences(of: " *", with: " " + painter.paint("*", .green)) }
        return text + "(* marks the better of the two)\n"
    }

    /// The comparison as a result (`--format json`, `$last`): the rows, then both models as the server sent them.
    func json(first model: JSONValue, second other: JSONValue) -> JSONValue {
        .object([
            "rows": .array(
                rows.map { row in
                    var object: JSONObject = [
                        "field": .string(row.field), "first": .string(row.first), "second": .string(row.second),
                    ]
                    if let better = row.better { object["better"] = .string(better.rawValue) }
                    return .object(object)
                }),
            "models": .array([model, other]),
        ])
    }
}
