/// A field a Vertex AI list filter may name, independent of how the request spelled it.
///
/// Each field knows its accepted spellings (the documented snake_case one first, then lowerCamelCase) and what kind of
/// value it holds. Which fields a list accepts, and with which comparators, is ``VertexFilterableList``'s business.
enum VertexFilterField: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case displayName = "display_name"
    case metadataSchemaURI = "metadata_schema_uri"
    case state
    case trainingTaskDefinition = "training_task_definition"
    case createTime = "create_time"
    /// The labels map: `labels:KEY` on its own, `labels.KEY` for one label (``VertexFilterTarget/label(_:)``).
    case labels
    /// The model ID, the last segment of the model's name.
    case model
    /// The endpoint ID, the last segment of the endpoint's name.
    case endpoint
    /// A Model Garden base model; the local backend's models and endpoints have none.
    case baseModelName = "base_model_name"

    /// What a field's value is, which decides how a written value is read and compared.
    enum ValueKind: Sendable, Hashable {
        /// A string, compared exactly (or against a `*` pattern after `:`).
        case text
        /// A `PipelineState` name such as `PIPELINE_STATE_SUCCEEDED`.
        case pipelineState
        /// An RFC 3339 timestamp, compared as an instant.
        case timestamp
        /// A map of label keys to values.
        case labels
    }

    /// The documented spelling, used in canonical filters and messages.
    var description: String { rawValue }

    /// Every spelling a filter may use for this field; the first is the documented one.
    var spellings: [String] {
        switch self {
        case .displayName: [rawValue, "displayName"]
        case .metadataSchemaURI: [rawValue, "metadataSchemaUri"]
        case .trainingTaskDefinition: [rawValue, "trainingTaskDefinition"]
        case .createTime: [rawValue, "createTime"]
        case .baseModelName: [rawValue, "baseModelName"]
        case .state, .labels, .model, .endpoint: [rawValue]
        }
    }

    /// The kind of value the field holds.
    var valueKind: ValueKind {
        switch self {
        case .displayName, .metadataSchemaURI, .trainingTaskDefinition, .model, .endpoint, .baseModelName: .text
        case .state: .pipelineState
        case .createTime: .timestamp
        case .labels: .labels
        }
    }
}

/// A comparison of a Vertex AI filter restriction (AIP-160's comparators).
enum VertexFilterComparator: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case equals = "="
    case notEquals = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    /// `:`, "has": `field:*` (set), `field:"run_*"` (wildcard match), `labels:KEY` (key present).
    case has = ":"

    /// The comparator as written.
    var description: String { rawValue }

    /// The comparators in the order a scanner must try them: two-character symbols before their one-character
    /// prefixes.
    static let scanningOrder: [VertexFilterComparator] = [
        .lessOrEqual, .greaterOrEqual, .notEquals, .equals, .less, .greater, .has,
    ]
}

/// What a restriction tests: a field, or one label of the labels map.
enum VertexFilterTarget: Sendable, Hashable, CustomStringConvertible {
    /// A field; ``VertexFilterField/labels`` here is the whole map (`labels:KEY`).
    case field(VertexFilterField)
    /// `labels.KEY`: the value of one label.
    case label(String)

    /// The target in canonical form: `display_name`, `labels.env`, `labels."aiplatform.googleapis.com/x"`.
    var description: String {
        switch self {
        case .field(let field): field.description
        case .label(let key): "labels." + (Self.isBareLabelKey(key) ? key : FilterValue.quoted(key))
        }
    }

    /// Whether `character` may appear in a label key written without quotes (`labels.my-key_1`).
    static func isBareLabelKeyCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "-"
    }

    /// Whether `key` can be written without quotes after `labels.`.
    static func isBareLabelKey(_ key: String) -> Bool {
        !key.isEmpty && key.allSatisfy(isBareLabelKeyCharacter)
    }
}
