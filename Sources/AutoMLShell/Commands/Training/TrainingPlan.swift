import AutoMLClient
import Foundation

/// A CreateModel request built from the context and checked as the service would check it.
struct TrainingPlan {
    var model: Model
    var modelType: ImageModelType
    var budgetMilliNodeHours: Int64

    var budgetText: String {
        let hours = Double(budgetMilliNodeHours) / 1000
        return hours == hours.rounded() ? "\(Int64(hours)) node hours" : "\(hours) node hours"
    }

    init(
        dataset: Dataset, datasetID: String, name: String?, budgetNodeHours: Double, modelType typeName: String?,
        earlyStopping: Bool, baseModelID: String?
    ) throws {
        let isDetection = dataset.imageObjectDetectionDatasetMetadata != nil
        guard let type = ImageModelType.named(typeName ?? "", detection: isDetection) else {
            let valid = (isDetection ? ImageModelType.detection : ImageModelType.classification).map(\.name)
            throw ShellError(
                "\"\(typeName ?? "")\" is not a model type for \(isDetection ? "object detection" : "image classification")",
                hint: "use one of " + valid.joined(separator: ", "))
        }
        guard budgetNodeHours.isFinite, budgetNodeHours > 0 else {
            throw ShellError("--budget must be a positive number of node hours")
        }
        let budget = Int64((budgetNodeHours * 1000).rounded())
        guard type.budgetRange.contains(budget) else {
            throw ShellError(
                "a budget of \(budgetNodeHours) node hours is out of range for \(type.name)",
                hint: "it must be \(type.budgetRangeText)")
        }
        var model = Model()
        model.displayName = name ?? Self.defaultName(for: dataset.displayName)
        model.datasetId = datasetID
        if isDetection {
            var metadata = ImageObjectDetectionModelMetadata()
            metadata.modelType = type.name
            metadata.trainBudgetMilliNodeHours = budget
            if !earlyStopping { metadata.unknownFields["disableEarlyStopping"] = .bool(true) }
            model.imageObjectDetectionModelMetadata = metadata
        } else {
            var metadata = ImageClassificationModelMetadata()
            metadata.modelType = type.name
            metadata.trainBudgetMilliNodeHours = budget
            metadata.baseModelId = baseModelID ?? ""
            if !earlyStopping { metadata.unknownFields["disableEarlyStopping"] = .bool(true) }
            model.imageClassificationModelMetadata = metadata
        }
        self.model = model
        self.modelType = type
        self.budgetMilliNodeHours = budget
    }

    /// `flowers_20261129_0142`: the dataset's name and the time, within the 32-character limit, starting
    /// with a letter.
    static func defaultName(for datasetName: String, now: Date = Date()) -> String {
        let stamp = DateFormatter.modelNameStamp.string(from: now)
        var base = datasetName.isEmpty ? "model" : datasetName
        if let first = base.first, !first.isLetter { base = "m_" + base }
        return String(base.prefix(32 - stamp.count - 1)) + "_" + stamp
    }

    /// Refuses labels too thin to train on (unless forced) and shows the stats and the advice.
    func check(_ stats: LabelStats, force: Bool, session: ShellSession) throws {
        let blockers = stats.blockers
        for note in stats.advice { session.note("advice: \(note)") }
        guard !blockers.isEmpty else { return }
        session.note(
            stats.rows.map { "  \($0.label): \($0.train) train, \($0.validation) validation, \($0.test) test" }
                .joined(separator: "\n"))
        if force {
            session.note("warning: " + blockers.joined(separator: "; ") + " (sent anyway: --force)")
            return
        }
        throw ShellError(
            blockers.joined(separator: "; "),
            hint: "import more images (`dataset import`), or send anyway with --force")
    }
}

extension DateFormatter {
    static let modelNameStamp: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd_HHmm"
        return formatter
    }()
}
