/// The kinds of resource whose IDs Tab completes.
public enum ResourceKind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case dataset
    case model
    case operation
    case evaluation
    /// Projects seen on this endpoint: derived from the cache folders, never listed from the service.
    case project
    /// Locations: the AutoML ones plus those seen in the cache folders.
    case location

    /// The kinds that live in one endpoint/project/location cache file and are listed from the service.
    public static let scoped: [ResourceKind] = [.dataset, .model, .operation, .evaluation]

    /// The kinds a background refresh lists for the whole location. Evaluations belong to one model: the
    /// `evaluations` command fills them in.
    public static let refreshed: [ResourceKind] = [.dataset, .model, .operation]

    public var description: String { rawValue }
}

/// One cached resource: its ID (what a command takes) and its display name (what people remember).
public struct ResourceEntry: Sendable, Hashable {
    /// The resource ID, such as `ICN1234567890`: the last segment of the resource name.
    public var id: String
    /// The display name; empty when the resource has none (operations).
    public var displayName: String

    public init(id: String, displayName: String = "") {
        self.id = id
        self.displayName = displayName
    }
}

/// Which cache a catalog belongs to: the endpoint, project and location its resources were listed from.
public struct ResourceScope: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The API endpoint; nil means the embedded local backend.
    public var endpoint: String?
    public var project: String
    public var location: String

    public init(endpoint: String?, project: String, location: String) {
        self.endpoint = endpoint
        self.project = project
        self.location = location
    }

    /// The scope of a session: its endpoint and location, and its project (the local one when none is set).
    public init(context: SessionContext) {
        self.init(endpoint: context.endpoint, project: context.project ?? SessionContext.localProject,
                  location: context.location)
    }

    public var description: String { "\(endpoint ?? "local")/\(project)/\(location)" }
}
