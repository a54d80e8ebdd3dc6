import AutoMLWire
import Foundation

/// How a training pipeline divides a dataset's images (`inputDataConfig`): by fractions, decided per image by a
/// stable hash of its path (none given: 80/10/10, as Vertex AI does), or by filters on the imported
/// `aiplatform.googleapis.com/ml_use` label. Images a filter split matches with no filter are not used.
enum VertexSplit: Sendable, Equatable {
    case fractions(training: Double, validation: Double)
    case filters(training: Set<MLUse>, validation: Set<MLUse>, test: Set<MLUse>)

    init(_ config: VertexInputDataConfig?) throws {
        if let filter = config?.filterSplit {
            self = .filters(
                training: try Self.matches(filter.trainingFilter, "trainingFilter"),
                validation: try Self.matches(filter.validationFilter, "validationFilter"),
                test: try Self.matches(filter.testFilter, "testFilter"))
            return
        }
        guard let fraction = config?.fractionSplit else {
            self = .fractions(training: 0.8, validation: 0.1)
            return
        }
        let parts = [fraction.trainingFraction, fraction.validationFraction, fraction.testFraction]
        let total = parts.reduce(0, +)
        guard parts.allSatisfy({ $0 >= 0 && $0.isFinite }), total <= 1 + 1e-9 else {
            throw ServiceError.invalidArgument(
                "inputDataConfig.fractionSplit fractions must be at least 0 and add up to at most 1 "
                    + "(they add up to \(total)).")
        }
        guard total > 0 else {
            self = .fractions(training: 0.8, validation: 0.1)
            return
        }
        guard fraction.trainingFraction > 0 else {
            throw ServiceError.invalidArgument("inputDataConfig.fractionSplit.trainingFraction must be more than 0.")
        }
        // The remainder goes to the three parts in proportion (Vertex AI: "decided by the service").
        self = .fractions(training: parts[0] / total, validation: parts[1] / total)
    }

    /// The split an image is used in (`TRAIN`, `VALIDATION`, `TEST`), or nil when it is not used.
    func use(path: String, imported: String) -> String? {
        switch self {
        case .fractions(let training, let validation):
            let point = Double(UnassignedSplit.stableHash(path) % 10_000) / 10_000
            if point < training { return MLUse.train.rawValue }
            return point < training + validation ? MLUse.validation.rawValue : MLUse.test.rawValue
        case .filters(let training, let validation, let test):
            let use = MLUse(csvValue: imported) ?? .unassigned
            if training.contains(use) { return MLUse.train.rawValue }
            if validation.contains(use) { return MLUse.validation.rawValue }
            return test.contains(use) ? MLUse.test.rawValue : nil
        }
    }

    /// The imported splits a filter matches: `labels.aiplatform.googleapis.com/ml_use=training` (quotes and spaces
    /// allowed) or `-` (nothing). Other filters are refused: this backend keeps no other data item labels.
    private static func matches(_ filter: String, _ member: String) throws -> Set<MLUse> {
        let text = filter.trimmingCharacters(in: .whitespaces)
        if text == "-" { return [] }
        let key = "labels.aiplatform.googleapis.com/ml_use"
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 2, parts[0] == key {
            let value = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            if let use = MLUse(csvValue: value), use != .unassigned { return [use] }
        }
        throw ServiceError.invalidArgument(
            "inputDataConfig.filterSplit.\(member) \"\(filter)\" is not understood by this backend: use "
                + "\(key)=training (or validation, test), or - to match nothing.")
    }
}
