import AutoMLClient

/// What a list holds, which decides the table's columns.
enum TableKind: Sendable, Hashable {
    case dataset, model, operation, evaluation, annotationSpec, prediction, other

    /// From the List response's member name, else from the first item's resource name.
    init(listKey: String?, items: [JSONValue]) {
        switch listKey {
        case "datasets": self = .dataset
        case "model", "models": self = .model
        case "operations": self = .operation
        case "modelEvaluation", "modelEvaluations": self = .evaluation
        case "annotationSpecs": self = .annotationSpec
        case "payload": self = .prediction
        default: self = Self(resourceName: items.first?["name"]?.stringValue ?? "")
        }
    }

    /// From a resource name's collections, most specific first.
    init(resourceName name: String) {
        if name.contains("/modelEvaluations/") {
            self = .evaluation
        } else if name.contains("/annotationSpecs/") {
            self = .annotationSpec
        } else if name.contains("/operations/") {
            self = .operation
        } else if name.contains("/models/") {
            self = .model
        } else if name.contains("/datasets/") {
            self = .dataset
        } else {
            self = .other
        }
    }
}
