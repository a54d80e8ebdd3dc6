/// The kinds of resource whose IDs Tab completes.
package enum ResourceKind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case dataset
    case model
    case operation
    case evaluation
    /// Projects seen on this endpoint: derived from the cache folders, never listed from the service.
    case project
    /// Locations: the AutoML ones plus those seen in the cache folders.
    case location
    /// `gs://` URIs the shell has used: the CSVs it imported, the folders it uploaded to, exported to or had
    /// predictions written to (Tab completes them a folder at a time). Never listed from the service.
    case storageURI = "gs-uri"

    /// The kinds that live in one endpoint/project/location cache file and are listed from the service.
    package static let scoped: [ResourceKind] = [.dataset, .model, .operation, .evaluation, .storageURI]

    /// The kinds a background refresh lists for the whole location. Evaluations belong to one model: the
    /// `evaluations` command fills them in.
    package static let refreshed: [ResourceKind] = [.dataset, .model, .operation]

    package var description: String { rawValue }
}

/// One cached resource: its ID (what a command takes) and its display name (what people remember).
package struct ResourceEntry: Sendable, Hashable {
    /// The resource ID, such as `ICN1234567890`: the last segment of the resource name.
    package var id: String
    /// The display name; empty when the resource has none (operations).
    package var displayName: String

    package init(id: String, displayName: String = "") {
        self.id = id
        self.displayName = displayName
    }
}

/// Which cache a catalog belongs to: the endpoint, project and location its resources were listed from.
package struct ResourceScope: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The API endpoint; nil means the local server.
    package var endpoint: String?
    package var project: String
    package var location: String

    package init(endpoint: String?, project: String, location: String) {
        self.endpoint = endpoint
        self.project = project
        self.location = location
    }

    /// The scope of a session: its endpoint and location, and its project (the local one when none is set).
    package init(context: SessionContext) {
        self.init(
            endpoint: context.endpoint, project: context.project ?? SessionContext.localProject,
            location: context.location)
    }

    package var description: String { "\(endpoint ?? "local")/\(project)/\(location)" }
}
