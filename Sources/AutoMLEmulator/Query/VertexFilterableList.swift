/// A Vertex AI list method that takes a `filter`, and the fields and comparators its filter may use (reference
/// §2.7, from the proto comments of the list requests).
///
/// AutoML v1 lists are ``FilterableList``; the two APIs have different grammars (``FilterExpression``,
/// ``VertexFilterExpression``) and their lists are kept apart so that neither can be parsed with the other's.
enum VertexFilterableList: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `ListDatasets`.
    case datasets
    /// `ListTrainingPipelines`.
    case trainingPipelines
    /// `ListModels`.
    case models
    /// `ListEndpoints`.
    case endpoints
    /// `ListModelEvaluations`: a "standard list filter" whose fields Google does not list; `display_name` here.
    case evaluations
    /// `ListModelEvaluationSlices`: its one documented filter, `slice.dimension = "annotationSpec"`, is checked by the
    /// service before the list is read, so no field is left for this grammar.
    case slices

    /// The list's name in messages: `datasets`, `training pipelines`.
    var description: String {
        switch self {
        case .datasets: "datasets"
        case .trainingPipelines: "training pipelines"
        case .models: "models"
        case .endpoints: "endpoints"
        case .evaluations: "model evaluations"
        case .slices: "model evaluation slices"
        }
    }

    /// The list's name in page-token scopes, distinct from every v1 list's.
    var scopeName: String { "vertex." + rawValue }

    /// The fields a filter on this list may use, in the order messages list them.
    var fields: [VertexFilterField] {
        switch self {
        case .datasets: [.displayName, .metadataSchemaURI, .labels]
        case .trainingPipelines: [.displayName, .state, .trainingTaskDefinition, .createTime, .labels]
        case .models: [.model, .displayName, .labels, .baseModelName]
        case .endpoints: [.endpoint, .displayName, .labels, .baseModelName]
        case .evaluations: [.displayName]
        case .slices: []
        }
    }

    /// The field `spelling` names in this list's filters, or nil when this list has no such field.
    func field(spelled spelling: String) -> VertexFilterField? {
        fields.first { $0.spellings.contains(spelling) }
    }

    /// The comparators `target` takes in this list's filters; empty when the list does not have it.
    func comparators(for target: VertexFilterTarget) -> [VertexFilterComparator] {
        switch target {
        case .label: fields.contains(.labels) ? [.equals, .notEquals, .has] : []
        case .field(let field): fields.contains(field) ? comparators(forListed: field) : []
        }
    }

    private func comparators(forListed field: VertexFilterField) -> [VertexFilterComparator] {
        switch field {
        case .displayName: self == .trainingPipelines ? [.equals, .notEquals, .has] : [.equals, .notEquals]
        case .trainingTaskDefinition: [.equals, .notEquals, .has]
        case .createTime: [.equals, .notEquals, .less, .lessOrEqual, .greater, .greaterOrEqual]
        case .baseModelName: [.equals]
        case .labels: [.has]
        case .metadataSchemaURI, .state, .model, .endpoint: [.equals, .notEquals]
        }
    }

    /// How `field` may be used, for error messages: `display_name or displayName (=, !=)`.
    private func usage(of field: VertexFilterField) -> String {
        guard field != .labels else { return "labels.KEY (=, !=, :) or labels:KEY" }
        let forms = comparators(for: .field(field)).map(\.description).joined(separator: ", ")
        let kind = field.valueKind == .timestamp ? ", RFC 3339" : ""
        return field.spellings.joined(separator: " or ") + " (\(forms)\(kind))"
    }

    /// One line naming every field and form this list's filters support, for error messages.
    var supportedFieldsSummary: String {
        guard !fields.isEmpty else { return "\(description) filters support no fields" }
        return "\(description) filters support " + fields.map(usage(of:)).joined(separator: "; ")
            + ", joined with AND, OR, NOT and parentheses"
    }
}
