/// A field a v1 list filter may name, independent of how the request spelled it.
///
/// Each field knows its accepted spellings (the documented snake_case one first, then lowerCamelCase), which
/// comparisons it supports and what kind of value it takes. Which fields a list accepts is ``FilterableList/fields``.
enum CanonicalField: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case imageClassificationDatasetMetadata = "image_classification_dataset_metadata"
    case imageObjectDetectionDatasetMetadata = "image_object_detection_dataset_metadata"
    case translationDatasetMetadata = "translation_dataset_metadata"
    case imageClassificationModelMetadata = "image_classification_model_metadata"
    case imageObjectDetectionModelMetadata = "image_object_detection_model_metadata"
    case datasetID = "dataset_id"
    case annotationSpecID = "annotation_spec_id"
    case done
    case worksOn
    case operationID = "operation_id"

    /// What a field's value is, which decides how a written value is read.
    enum ValueKind: Sendable, Hashable {
        /// The field can only be tested for existence (`field:*`).
        case presence
        /// A string, compared exactly.
        case string
        /// `true` or `false`.
        case bool
    }

    /// The documented spelling, used in canonical filters and messages.
    var description: String { rawValue }

    /// Every spelling a filter may use for this field; the first is the documented one.
    var spellings: [String] {
        switch self {
        case .imageClassificationDatasetMetadata: [rawValue, "imageClassificationDatasetMetadata"]
        case .imageObjectDetectionDatasetMetadata: [rawValue, "imageObjectDetectionDatasetMetadata"]
        case .translationDatasetMetadata: [rawValue, "translationDatasetMetadata"]
        case .imageClassificationModelMetadata: [rawValue, "imageClassificationModelMetadata"]
        case .imageObjectDetectionModelMetadata: [rawValue, "imageObjectDetectionModelMetadata"]
        case .datasetID: [rawValue, "datasetId"]
        case .annotationSpecID: [rawValue, "annotationSpecId"]
        case .done: [rawValue]
        case .worksOn: [rawValue, "works_on"]
        case .operationID: [rawValue, "operationId"]
        }
    }

    /// The kind of value the field takes.
    var valueKind: ValueKind {
        switch self {
        case .imageClassificationDatasetMetadata, .imageObjectDetectionDatasetMetadata, .translationDatasetMetadata,
            .imageClassificationModelMetadata, .imageObjectDetectionModelMetadata:
            .presence
        case .datasetID, .annotationSpecID, .worksOn, .operationID: .string
        case .done: .bool
        }
    }

    /// The comparisons the documentation allows for this field.
    var operators: [FilterOperator] {
        switch valueKind {
        case .presence: [.has]
        case .bool: [.equals, .notEquals]
        case .string: self == .annotationSpecID ? [.equals, .notEquals, .has] : [.equals, .notEquals]
        }
    }

    /// Whether a value ending in `/*` means "any single child of this prefix", as in the Node.js sample's
    /// `worksOn=projects/p/locations/l/models/*`. Only `worksOn` takes full resource names, so only it has the wildcard.
    var acceptsChildWildcard: Bool { self == .worksOn }

    /// How this field may be used, for error messages: `dataset_id or datasetId (=, !=)`.
    var usage: String {
        let forms = operators.map(\.symbol).joined(separator: ", ")
        return spellings.joined(separator: " or ") + " (\(forms))"
    }
}

/// A comparison a filter term makes.
enum FilterOperator: Sendable, Hashable {
    /// `field=value`.
    case equals
    /// `field!=value`.
    case notEquals
    /// `field:*`: the field is set.
    case has

    /// The operator as written: `=`, `!=`, `:*`.
    var symbol: String {
        switch self {
        case .equals: "="
        case .notEquals: "!="
        case .has: ":*"
        }
    }
}
