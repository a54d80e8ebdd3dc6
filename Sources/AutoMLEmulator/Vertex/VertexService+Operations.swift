import AutoMLWire
import Foundation

extension VertexService {
    /// GetOperation under any owner (`datasets/123`, `endpoints/7`, …, or "" for the location).
    func getOperation(_ id: String, owner: String, in parent: VertexParent) async throws -> LongRunningOperation {
        try await requireOperation(id, owner: owner, in: parent).operation
    }

    /// ListOperations: under an owner, that owner's operations; at the location, every Vertex AI operation of the
    /// location, nested or not (Google's behaviour here is not documented).
    func listOperations(owner: String, in parent: VertexParent, query: [String: String]) async throws
        -> ListOperationsResponse
    {
        let prefix = owner.isEmpty ? parent.description : "\(parent)/\(owner)"
        let list = try ListQuery(query, list: .operations, parent: prefix)
        let page = try await list.page(
            reading: {
                try await store.vertexOperations(owner: owner.isEmpty ? nil : owner, in: parent.parent, page: $0)
            },
            sequence: \.seq)
        var response = ListOperationsResponse()
        response.operations = page.items.map(\.operation)
        response.nextPageToken = page.nextPageToken ?? ""
        return response
    }

    /// Checks that an operation owner (`datasets/123`, `models/1/evaluations/2`, … or none) exists, so a list under
    /// a resource that does not exist is NOT_FOUND rather than empty.
    func requireOwner(_ segments: [String], in parent: VertexParent) async throws {
        switch (segments.first, segments.count) {
        case ("datasets", 2): _ = try await requireDataset(segments[1], in: parent)
        case ("endpoints", 2): _ = try await requireEndpoint(segments[1], in: parent)
        case ("models", 2): _ = try await requireModel(segments[1], in: parent)
        case ("models", 4): _ = try await getEvaluation(segments[3], model: segments[1], in: parent)
        case ("trainingPipelines", 2): _ = try await requirePipeline(segments[1], in: parent)
        default: return
        }
    }

    /// CancelOperation: best effort; a running operation ends done with CANCELLED (code 1).
    func cancelOperation(_ id: String, owner: String, in parent: VertexParent) async throws -> Empty {
        let stored = try await requireOperation(id, owner: owner, in: parent)
        guard !stored.operation.done else { return Empty() }
        try await base.cancelWork(of: id)
        return Empty()
    }

    /// DeleteOperation: forgets the operation; its work goes on.
    func deleteOperation(_ id: String, owner: String, in parent: VertexParent) async throws -> Empty {
        _ = try await requireOperation(id, owner: owner, in: parent)
        _ = try await store.deleteOperation(id)
        return Empty()
    }

    /// WaitOperation: holds the request until the operation is done or `timeout` (query, such as `5s`; at most
    /// 60 s) passes, then answers with it as it is.
    func waitOperation(_ id: String, owner: String, in parent: VertexParent, timeout: String?) async throws
        -> LongRunningOperation
    {
        var seconds = 60.0
        if let timeout, !timeout.isEmpty {
            // A google.protobuf.Duration: decimal seconds, at most 9 fractional digits, 0 to 315,576,000,000 s.
            guard let duration = try? ProtoDuration(protoJSON: .string(timeout), path: "timeout"),
                duration.seconds >= 0, duration.nanos >= 0, duration.seconds <= 315_576_000_000
            else {
                throw ServiceError.invalidArgument("timeout \"\(timeout)\" must be a duration such as 5s or 0.5s.")
            }
            seconds = min(60, duration.duration.timeInterval)
        }
        return try await base.waitUntilDone(seconds: seconds) {
            try await requireOperation(id, owner: owner, in: parent)
        }.operation
    }

    private func requireOperation(_ id: String, owner: String, in parent: VertexParent) async throws -> StoredOperation
    {
        guard let stored = try await store.vertexOperation(id, owner: owner, in: parent.parent) else {
            let prefix = owner.isEmpty ? parent.description : "\(parent)/\(owner)"
            throw Self.notFound("Operation", "\(prefix)/operations/\(id)")
        }
        return stored
    }
}
