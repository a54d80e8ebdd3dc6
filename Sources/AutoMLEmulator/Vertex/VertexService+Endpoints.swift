import AutoMLWire
import Foundation

extension VertexService {
    /// CreateEndpoint: finishes within the request; `endpointId` (query) chooses the ID.
    func createEndpoint(in parent: VertexParent, body: VertexEndpoint, endpointID: String?) async throws
        -> LongRunningOperation
    {
        try Self.checkDisplayName(body.displayName, of: "endpoint")
        try Validation.labels(body.labels, of: "endpoint")
        try Validation.description(body.description, of: "endpoint")
        guard body.deployedModels.isEmpty, body.trafficSplit.isEmpty else {
            throw ServiceError.invalidArgument(
                "a new endpoint has no deployed models and no traffic split; deploy models with :deployModel.")
        }
        let now = Timestamp(clock.now())
        let make: @Sendable (String) throws -> String = { id in
            var endpoint = VertexEndpoint()
            endpoint.name = parent.name("endpoints", id)
            endpoint.displayName = body.displayName
            endpoint.description = body.description
            endpoint.labels = body.labels
            endpoint.createTime = now
            endpoint.updateTime = now
            endpoint.etag = UUID().uuidString
            return endpoint.storedJSON
        }
        let row: VertexRow
        if let endpointID, !endpointID.isEmpty {
            try Self.checkEndpointID(endpointID)
            guard
                let inserted = try await store.insertVertexRow(.endpoint, id: endpointID, in: parent.parent, json: make)
            else {
                throw ServiceError(
                    .alreadyExists, "endpoint \(parent.name("endpoints", endpointID)) already exists (or existed).")
            }
            row = inserted
        } else {
            row = try await store.insertVertexRow(.endpoint, in: parent.parent, json: make)
        }
        let endpoint = try VertexEndpoint.fromStored(row.json)
        return try await finishedOperation(
            in: parent, owner: "endpoints/\(row.id)", kind: .createEndpoint, worksOn: endpoint.name, response: endpoint)
    }

    func getEndpoint(_ id: String, in parent: VertexParent) async throws -> VertexEndpoint {
        try VertexEndpoint.fromStored(try await requireEndpoint(id, in: parent).json)
    }

    func listEndpoints(in parent: VertexParent, query: [String: String]) async throws -> VertexListEndpointsResponse {
        let list = try ListQuery(query, vertex: .endpoints, parent: parent.description)
        let page = try await list.page(
            reading: { page in
                try await store.vertexRows(.endpoint, in: parent.parent, page: page) {
                    EndpointRow(seq: $0.seq, endpoint: try VertexEndpoint.fromStored($0.json))
                }
            }, sequence: \.seq)
        var response = VertexListEndpointsResponse()
        response.endpoints = page.items.map(\.endpoint)
        response.nextPageToken = page.nextPageToken ?? ""
        return response
    }

    /// DeleteEndpoint: refused while models are deployed on it (checked in the deleting transaction); the operation
    /// is at the location, done.
    func deleteEndpoint(_ id: String, in parent: VertexParent) async throws -> LongRunningOperation {
        _ = try await requireEndpoint(id, in: parent)
        let deleted = try await store.deleteVertexEndpoint(id) { endpoint in
            endpoint.deployedModels.first.map { deployed in
                ServiceError.failedPrecondition(
                    "endpoint \(endpoint.name) still has deployed model \(deployed.id) (\(deployed.model)); undeploy "
                        + "its models before deleting it.")
            }
        }
        guard let deleted else { throw Self.notFound("Endpoint", parent.name("endpoints", id)) }
        return try await finishedOperation(
            in: parent, owner: "", kind: .delete, worksOn: deleted.name, response: Empty())
    }

    func requireEndpoint(_ id: String, in parent: VertexParent) async throws -> VertexRow {
        guard let row = try await store.vertexRow(.endpoint, id, in: parent.parent) else {
            throw Self.notFound("Endpoint", parent.name("endpoints", id))
        }
        return row
    }

    /// An `endpointId` a client chooses: a letter then at most 62 lowercase letters, digits and `-` ending in a
    /// letter or digit, or 1–9 digits without a leading zero.
    static func checkEndpointID(_ id: String) throws {
        let digits = id.allSatisfy(\.isASCIIDigit)
        let valid =
            digits
            ? (1...9).contains(id.count) && id.first != "0"
            : id.count <= 63 && id.first?.isLowercase == true
                && id.last.map { $0.isLowercase || $0.isASCIIDigit } == true
                && id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
        guard valid else {
            throw ServiceError.invalidArgument(
                "endpointId \"\(id)\" must be a lowercase letter followed by at most 62 lowercase letters, digits "
                    + "and '-' (ending in a letter or digit), or 1–9 digits without a leading zero.")
        }
    }
}

/// An endpoint with its creation order, for filtering and paging.
///
/// Endpoints answer `endpoint` with their ID, the last segment of their name. `base_model_name` names a Model Garden
/// base model, which no endpoint of the local backend serves: it is absent (so only `base_model_name=""` matches).
struct EndpointRow: VertexFilterSubject, Sendable {
    var seq: Int64
    var endpoint: VertexEndpoint

    func vertexFilterValue(for field: VertexFilterField) -> VertexFilterValue? {
        switch field {
        case .endpoint: endpoint.name.split(separator: "/").last.map { .text(String($0)) }
        case .displayName: .text(endpoint.displayName)
        case .createTime: endpoint.createTime.map { .time($0) }
        case .labels: .labels(endpoint.labels)
        case .metadataSchemaURI, .state, .trainingTaskDefinition, .model, .baseModelName: nil
        }
    }
}
