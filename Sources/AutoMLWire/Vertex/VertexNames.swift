/// Vertex AI resource names (reference: vertex-ai-image.md §1). IDs are decimal when the service makes them, but
/// names are parsed by template, not by ID shape; and the service returns the project *number* where the request
/// named the project ID, so names are never compared with what was sent as text (``VertexLocatedName/sameResource(as:)``).

/// A Vertex AI resource directly under a location.
public protocol VertexLocatedName: ResourceName {}

extension VertexLocatedName {
    public var project: String { segments[0] }
    public var location: String { segments[1] }
    /// The location this resource lives in.
    public var parent: LocationName { LocationName(validatedSegments: Array(segments.prefix(2))) }

    /// Whether both names are the same resource, allowing for a project ID on one side and its number on the other
    /// (the location and IDs must be equal; the projects must be equal, or exactly one of them a number).
    public func sameResource(as other: Self) -> Bool {
        guard Array(segments.dropFirst()) == Array(other.segments.dropFirst()) else { return false }
        func isNumber(_ text: String) -> Bool { !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber } }
        return project == other.project || isNumber(project) != isNumber(other.project)
    }
}

/// `projects/{project}/locations/{location}/datasets/{dataset}`.
public struct VertexDatasetName: VertexLocatedName {
    public static let collections = ["projects", "locations", "datasets"]
    public static let kind = "Vertex AI dataset"
    public let segments: [String]
    public init(validatedSegments segments: [String]) { self.segments = segments }
}

/// `projects/{project}/locations/{location}/datasets/{dataset}/annotationSpecs/{annotationSpec}`.
public struct VertexAnnotationSpecName: ResourceName {
    public static let collections = ["projects", "locations", "datasets", "annotationSpecs"]
    public static let kind = "Vertex AI annotation spec"
    public let segments: [String]
    public init(validatedSegments segments: [String]) { self.segments = segments }
}

/// `projects/{project}/locations/{location}/trainingPipelines/{trainingPipeline}`.
public struct VertexTrainingPipelineName: VertexLocatedName {
    public static let collections = ["projects", "locations", "trainingPipelines"]
    public static let kind = "training pipeline"
    public let segments: [String]
    public init(validatedSegments segments: [String]) { self.segments = segments }
}

/// `projects/{project}/locations/{location}/models/{model}`, where the model may name a version or an alias:
/// `models/123@2`, `models/123@default` (without one, the default version).
public struct VertexModelName: VertexLocatedName {
    public static let collections = ["projects", "locations", "models"]
    public static let versionedCollections: Set<String> = ["models"]
    public static let kind = "Vertex AI model"
    public let segments: [String]
    public init(validatedSegments segments: [String]) { self.segments = segments }

    /// The model's ID without the version: `123` of `models/123@2`.
    public var modelID: String { String(id.split(separator: "@", maxSplits: 1).first ?? "") }

    /// The version ID or alias the name asks for (`2`, `default`); nil when it names none (the default version).
    public var version: String? {
        id.firstIndex(of: "@").map { String(id[id.index(after: $0)...]) }
    }

    /// The same model without a version (its default version).
    public var unversioned: VertexModelName {
        VertexModelName(validatedSegments: Array(segments.dropLast()) + [modelID])
    }
}

/// `projects/{project}/locations/{location}/models/{model}/evaluations/{evaluation}` (`evaluations`, where AutoML v1
/// said `modelEvaluations`).
public struct VertexModelEvaluationName: ResourceName {
    public static let collections = ["projects", "locations", "models", "evaluations"]
    public static let versionedCollections: Set<String> = ["models"]
    public static let kind = "Vertex AI model evaluation"
    public let segments: [String]
    public init(validatedSegments segments: [String]) { self.segments = segments }

    public var model: VertexModelName { VertexModelName(validatedSegments: Array(segments.prefix(3))) }
}

/// `projects/{project}/locations/{location}/models/{model}/evaluations/{evaluation}/slices/{slice}`.
public struct VertexModelEvaluationSliceName: ResourceName {
    public static let collections = ["projects", "locations", "models", "evaluations", "slices"]
    public static let versionedCollections: Set<String> = ["models"]
    public static let kind = "Vertex AI model evaluation slice"
    public let segments: [String]
    public init(validatedSegments segments: [String]) { self.segments = segments }
}

/// `projects/{project}/locations/{location}/endpoints/{endpoint}`.
public struct VertexEndpointName: VertexLocatedName {
    public static let collections = ["projects", "locations", "endpoints"]
    public static let kind = "endpoint"
    public let segments: [String]
    public init(validatedSegments segments: [String]) { self.segments = segments }
}

/// A Vertex AI operation: `projects/{p}/locations/{l}/operations/{op}`, or nested under the resource it concerns
/// (`…/datasets/{d}/operations/{op}`, `…/endpoints/{e}/operations/{op}`, `…/models/{m}/evaluations/{e}/operations/{op}`,
/// …), as the service returns them.
public struct VertexOperationName: Sendable, Hashable, CustomStringConvertible, LosslessStringConvertible {
    public let project: String
    public let location: String
    /// The owning resource below the location, as (collection, ID) pairs; empty for a location-level operation.
    public let owner: [Owner]
    public let operation: String

    /// One step of the path to the owning resource.
    public struct Owner: Sendable, Hashable {
        public let collection: String
        public let id: String
    }

    /// The collections an operation can be nested under.
    public static let ownerCollections: Set<String> = [
        "datasets", "annotationSpecs", "dataItems", "savedQueries", "trainingPipelines", "models", "evaluations",
        "slices", "endpoints",
    ]

    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let expected = ResourceNameError(
            text: text, kind: "Vertex AI operation",
            reason: "expected projects/{project}/locations/{location}[/{collection}/{id}…]/operations/{operation}")
        guard parts.count >= 6, parts.count % 2 == 0, parts[0] == "projects", parts[2] == "locations",
            parts[parts.count - 2] == "operations"
        else { throw expected }
        var owner: [Owner] = []
        for index in stride(from: 4, to: parts.count - 2, by: 2) {
            guard Self.ownerCollections.contains(parts[index]) else { throw expected }
            owner.append(Owner(collection: parts[index], id: parts[index + 1]))
        }
        let ids = [parts[1], parts[3]] + owner.map(\.id) + [parts[parts.count - 1]]
        for id in ids {
            try validateResourceID(id, field: "ID", kind: "Vertex AI operation", text: text)
        }
        (project, location, self.owner, operation) = (parts[1], parts[3], owner, parts[parts.count - 1])
    }

    public init?(_ description: String) {
        guard let parsed = try? VertexOperationName(parsing: description) else { return nil }
        self = parsed
    }

    public var description: String {
        (["projects/\(project)/locations/\(location)"] + owner.map { "\($0.collection)/\($0.id)" }
            + ["operations/\(operation)"]).joined(separator: "/")
    }

    /// The location the operation belongs to.
    public var parent: LocationName { LocationName(validatedSegments: [project, location]) }
}

extension LocationName {
    /// A Vertex AI resource with this ID in this location.
    public func vertex<Name: VertexLocatedName>(_ type: Name.Type, _ id: String) throws -> Name {
        let text = "\(description)/\(Name.collections[2])/\(id)"
        try validateResourceID(id, field: "ID", kind: Name.kind, text: text)
        return Name(validatedSegments: [project, location, id])
    }
}
