/// A v1 list method that takes a `filter`, and the fields its filter may name (reference §2.5).
enum FilterableList: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `ListDatasets`.
    case datasets
    /// `ListModels`.
    case models
    /// `ListModelEvaluations`.
    case modelEvaluations
    /// `ListOperations`.
    case operations

    /// The list's name in messages: `datasets`, `model evaluations`.
    var description: String {
        switch self {
        case .datasets: "datasets"
        case .models: "models"
        case .modelEvaluations: "model evaluations"
        case .operations: "operations"
        }
    }

    /// The fields a filter on this list may use.
    var fields: [CanonicalField] {
        switch self {
        case .datasets:
            [.imageClassificationDatasetMetadata, .imageObjectDetectionDatasetMetadata, .translationDatasetMetadata]
        case .models: [.imageClassificationModelMetadata, .imageObjectDetectionModelMetadata, .datasetID]
        case .modelEvaluations: [.annotationSpecID]
        case .operations: [.done, .worksOn, .operationID]
        }
    }

    /// The field `spelling` names in this list's filters, or nil when this list has no such field.
    func field(spelled spelling: String) -> CanonicalField? {
        fields.first { $0.spellings.contains(spelling) }
    }

    /// One line naming every field and form this list's filters support, for error messages.
    var supportedFieldsSummary: String {
        "\(description) filters support " + fields.map(\.usage).joined(separator: "; ")
    }
}
