/// `projects/{project}`.
public struct ProjectName: ResourceName {
    public static let collections = ["projects"]
    public static let kind = "project"
    public let project: String

    public init(validatedSegments segments: [String]) {
        project = segments[0]
    }

    /// Builds the name from an ID, checking it.
    public init(project: String) throws {
        try validateResourceID(project, field: "project", kind: Self.kind, text: project)
        self.project = project
    }

    public var segments: [String] { [project] }
}

/// `projects/{project}/locations/{location}`: the parent of datasets, models and operations.
public struct LocationName: ResourceName {
    public static let collections = ["projects", "locations"]
    public static let kind = "location"
    public let project: String
    public let location: String

    public init(validatedSegments segments: [String]) {
        project = segments[0]
        location = segments[1]
    }

    /// Builds the name from IDs, checking them.
    public init(project: String, location: String) throws {
        let text = "projects/\(project)/locations/\(location)"
        try validateResourceID(project, field: "project", kind: Self.kind, text: text)
        try validateResourceID(location, field: "location", kind: Self.kind, text: text)
        self.project = project
        self.location = location
    }

    public var segments: [String] { [project, location] }

    public var projectName: ProjectName { ProjectName(validatedSegments: [project]) }

    /// The dataset with this ID in this location.
    public func dataset(_ id: String) throws -> DatasetName { try child(id) }
    /// The model with this ID in this location.
    public func model(_ id: String) throws -> ModelName { try child(id) }
    /// The operation with this ID in this location.
    public func operation(_ id: String) throws -> OperationName { try child(id) }

    private func child<Name: ResourceName>(_ id: String) throws -> Name {
        let text = "\(description)/\(Name.collections[2])/\(id)"
        try validateResourceID(id, field: String(Name.kind), kind: Name.kind, text: text)
        return Name(validatedSegments: [project, location, id])
    }
}

/// A resource directly under a location: a dataset, a model or an operation.
public protocol LocatedResourceName: ResourceName {}

extension LocatedResourceName {
    public var project: String { segments[0] }
    public var location: String { segments[1] }
    /// The location that is this resource's parent.
    public var parent: LocationName { LocationName(validatedSegments: Array(segments.prefix(2))) }
}

/// `projects/{project}/locations/{location}/datasets/{dataset}`.
public struct DatasetName: LocatedResourceName {
    public static let collections = ["projects", "locations", "datasets"]
    public static let kind = "dataset"
    public let segments: [String]
    public init(validatedSegments segments: [String]) { self.segments = segments }

    public var dataset: String { segments[2] }

    /// An annotation spec of this dataset.
    public func annotationSpec(_ id: String) throws -> AnnotationSpecName {
        let text = "\(description)/annotationSpecs/\(id)"
        try validateResourceID(id, field: "annotationSpec", kind: AnnotationSpecName.kind, text: text)
        return AnnotationSpecName(validatedSegments: segments + [id])
    }
}

/// `projects/{project}/locations/{location}/models/{model}`.
public struct ModelName: LocatedResourceName {
    public static let collections = ["projects", "locations", "models"]
    public static let kind = "model"
    public let segments: [String]
    public init(validatedSegments segments: [String]) { self.segments = segments }

    public var model: String { segments[2] }

    /// An evaluation of this model.
    public func evaluation(_ id: String) throws -> ModelEvaluationName {
        let text = "\(description)/modelEvaluations/\(id)"
        try validateResourceID(id, field: "modelEvaluation", kind: ModelEvaluationName.kind, text: text)
        return ModelEvaluationName(validatedSegments: segments + [id])
    }
}

/// `projects/{project}/locations/{location}/operations/{operation}`.
public struct OperationName: LocatedResourceName {
    public static let collections = ["projects", "locations", "operations"]
    public static let kind = "operation"
    public let segments: [String]
    public init(validatedSegments segments: [String]) { self.segments = segments }

    public var operation: String { segments[2] }
}

/// `projects/{project}/locations/{location}/datasets/{dataset}/annotationSpecs/{annotationSpec}`.
public struct AnnotationSpecName: ResourceName {
    public static let collections = ["projects", "locations", "datasets", "annotationSpecs"]
    public static let kind = "annotation spec"
    public let segments: [String]
    public init(validatedSegments segments: [String]) { self.segments = segments }

    public var dataset: DatasetName { DatasetName(validatedSegments: Array(segments.prefix(3))) }
}

/// `projects/{project}/locations/{location}/models/{model}/modelEvaluations/{modelEvaluation}`.
///
/// The model ID `-` in a parent lists the evaluations of every model in the location.
public struct ModelEvaluationName: ResourceName {
    public static let collections = ["projects", "locations", "models", "modelEvaluations"]
    public static let kind = "model evaluation"
    public let segments: [String]
    public init(validatedSegments segments: [String]) { self.segments = segments }

    public var model: ModelName { ModelName(validatedSegments: Array(segments.prefix(3))) }
}
