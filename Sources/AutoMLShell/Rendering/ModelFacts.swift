import AutoMLClient
import Foundation

/// What `models` and `model diff` show of a model: its settings from the model's JSON (either API) and the figures of
/// its overall evaluation.
struct ModelFacts: Sendable {
    var id: String
    var displayName: String
    var dataset: String
    var modelType: String
    var budgetMilliNodeHours: Int64?
    var costMilliNodeHours: Int64?
    var stopReason: String
    var baseModel: String
    var created: Date?
    /// The overall evaluation's figures; nil when the model has none.
    var figures: EvaluationFigures?

    init(model json: JSONValue, figures: EvaluationFigures?) {
        let name = json["name"]?.stringValue ?? ""
        id = name.split(separator: "/").last.map(String.init) ?? name
        displayName = json["displayName"]?.stringValue ?? ""
        dataset = json["datasetId"]?.stringValue ?? ""
        let metadata =
            json["imageClassificationModelMetadata"] ?? json["imageObjectDetectionModelMetadata"] ?? json["metadata"]
        let number = { (key: String) in metadata?[key].flatMap { try? Int64(protoJSON: $0, path: key) } }
        modelType = metadata?["modelType"]?.stringValue ?? ""
        budgetMilliNodeHours = number("trainBudgetMilliNodeHours")
        costMilliNodeHours = number("trainCostMilliNodeHours")
        stopReason = metadata?["stopReason"]?.stringValue ?? ""
        baseModel = metadata?["baseModelId"]?.stringValue ?? ""
        created = json["createTime"]?.stringValue.flatMap { Timestamp(rfc3339: $0)?.date }
        self.figures = figures
    }

    /// `4.2 / 8`: node hours spent of the budget.
    var costText: String {
        guard let budgetMilliNodeHours else { return "-" }
        let cost = costMilliNodeHours.map { Self.nodeHours($0) } ?? "-"
        return "\(cost) / \(Self.nodeHours(budgetMilliNodeHours))"
    }

    /// `budget` (spent), `converged`.
    var stopText: String {
        switch stopReason {
        case "BUDGET_REACHED": "budget"
        case "MODEL_CONVERGED": "converged"
        case "": "-"
        default: stopReason
        }
    }

    /// `auPRC 0.951`, `mAP@0.5 0.812`, `-`.
    var headlineText: String {
        guard let headline = figures?.headline, let value = headline.value else { return "-" }
        return "\(headline.name) \(TrainingView.score(value))"
    }

    static func nodeHours(_ milli: Int64) -> String {
        milli % 1000 == 0 ? String(milli / 1000) : String(format: "%.1f", Double(milli) / 1000)
    }

    /// `40 s`, `12 min`, `3 h`, `5 d` since `date`.
    static func age(of date: Date?, now: Date) -> String {
        guard let date else { return "-" }
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        if seconds < 60 { return "\(seconds) s" }
        if seconds < 3600 { return "\(seconds / 60) min" }
        if seconds < 86_400 { return "\(seconds / 3600) h" }
        return "\(seconds / 86_400) d"
    }
}

/// `models` on a terminal: a row per model with its headline figure, cost against budget, why training stopped, its
/// base model and age. On a narrow terminal the model type, base model, age and stop reason are left out, in that
/// order, before names are cut.
struct ModelsSummaryView {
    var models: [ModelFacts]
    var now: Date

    func render(width: Int, colors: Bool) -> String {
        // A base model is shown by its display name when it is in the list.
        let names = Dictionary(models.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        let kinds = Set(models.compactMap { $0.figures?.headline.name })
        let score = kinds.count == 1 ? kinds.first?.uppercased() ?? "SCORE" : "AUPRC/MAP"
        let rows = models.map { model in
            [
                model.id, model.displayName, model.modelType.isEmpty ? "-" : model.modelType,
                model.figures?.headline.value.map(TrainingView.score) ?? "-", model.costText, model.stopText,
                model.baseModel.isEmpty
                    ? "-" : names[model.baseModel].flatMap { $0.isEmpty ? nil : $0 } ?? model.baseModel,
                ModelFacts.age(of: model.created, now: now),
            ]
        }
        return TableLayout(
            headers: ["ID", "DISPLAY NAME", "TYPE", score, "NODE HOURS", "STOPPED", "BASE MODEL", "AGE"],
            rows: rows, keyColumns: [0], rightAligned: [3, 4, 7], optionalColumns: [2, 6, 7, 5]
        ).render(width: width, bold: colors)
    }
}
