public import AutoMLWire

/// Vertex AI lists as parsed JSON, page by page (as ``JSONListing`` is for AutoML v1): for callers that print or
/// forward the items.
public enum VertexJSONListing: Sendable, Hashable {
    case datasets
    case models
    case trainingPipelines
    case endpoints
    /// The operations of the location (a resource's own are at `under:` of ``VertexClient/forEachPage(of:in:under:filter:pageSize:options:_:)``).
    case operations

    /// The member of the List response that holds the items (also the path under the location).
    public var collection: String {
        switch self {
        case .datasets: "datasets"
        case .models: "models"
        case .trainingPipelines: "trainingPipelines"
        case .endpoints: "endpoints"
        case .operations: "operations"
        }
    }
}

extension VertexClient {
    /// Lists `listing` in `parent` — or, for operations, under `owner` (`datasets/123`) when one is given — and hands
    /// each page's items, as parsed JSON, to `body` in order, one page ahead.
    ///
    /// - Returns: How many items there were.
    @discardableResult
    public func forEachPage(
        of listing: VertexJSONListing, in parent: LocationName, under owner: String? = nil, filter: String? = nil,
        pageSize: Int? = nil, options: CallOptions = .init(), _ body: ([JSONValue]) async throws -> Void
    ) async throws -> Int {
        let base = owner.map { "\(parent)/\($0)" } ?? parent.description
        return try await engine.forEachPage(
            path: "\(base)/\(listing.collection)", collection: listing.collection, parent: base, filter: filter,
            pageSize: pageSize, routingKey: listing == .operations ? "name" : "parent", options: options, body)
    }
}
