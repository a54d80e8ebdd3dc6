import AutoMLClient
import Foundation

/// A training request built from the context and checked as the service would check it (either API's request is
/// made from ``request`` by the backend).
struct TrainingPlan {
    var request: TrainingRequest
    var modelType: ImageModelType { request.modelType }
    var budgetMilliNodeHours: Int64 { request.budgetMilliNodeHours }
    var displayName: String { request.displayName }

    var budgetText: String {
        let hours = Double(budgetMilliNodeHours) / 1000
        return hours == hours.rounded() ? "\(Int64(hours)) node hours" : "\(hours) node hours"
    }

    init(
        dataset: DatasetName, kind: DatasetKind, datasetDisplayName: String, name: String?, budgetNodeHours: Double,
        modelType typeName: String?, earlyStopping: Bool, baseModelID: String?
    ) throws {
        let isDetection = kind == .detection
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
        request = TrainingRequest(
            displayName: name ?? Self.defaultName(for: datasetDisplayName), dataset: dataset, kind: kind,
            modelType: type, budgetMilliNodeHours: budget, earlyStopping: earlyStopping, baseModelID: baseModelID)
    }

    /// `flowers_20261129_0142`: the dataset's name and the time, within the 32-character limit, starting
    /// with a letter.
    static func defaultName(for datasetName: String, now: Date = Date()) -> String {
        let stamp = DateFormatter.modelNameStamp.string(from: now)
        var base = datasetName.isEmpty ? "model" : datasetName
        if let first = base.first, !first.isLetter { base = "m_" + base }
        return String(base.prefix(32 - stamp.count - 1)) + "_" + stamp
    }

    /// Trains on the import's splits when every image has one; otherwise (images imported without a split, which
    /// only Vertex AI's exports show) on the service's automatic split, and says so.
    mutating func useImportedSplits(_ stats: LabelStats, session: ShellSession) {
        let unassigned = stats.unassignedImages
        request.splitByImportedUse = unassigned == 0
        if unassigned > 0 {
            session.note(
                "note: \(unassigned) image(s) have no split, so Vertex AI splits them all itself (80/10/10); "
                    + "import with split folders or --split to choose")
        }
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
