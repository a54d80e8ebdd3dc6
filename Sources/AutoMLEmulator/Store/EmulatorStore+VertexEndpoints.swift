import AutoMLWire
import Foundation
import GRDB

extension EmulatorStore {
    /// Changes an endpoint and a model in one transaction (a deploy or an undeploy); nil when either is gone. Either
    /// change may throw to refuse it, and then nothing is written.
    func changeEndpointAndModel(
        endpointID: String, modelID: String,
        endpoint changeEndpoint: @Sendable @escaping (inout VertexEndpoint) throws -> Void,
        model changeModel: @Sendable @escaping (inout VertexModel) throws -> Void
    ) async throws -> VertexEndpoint? {
        try await write { db in
            guard try Self.updateVertexModel(db, modelID, changeModel) != nil else { return nil }
            var changed: VertexEndpoint?
            _ = try Self.updateVertexRow(db, .endpoint, endpointID) { text in
                var endpoint = try VertexEndpoint.fromStored(text)
                try changeEndpoint(&endpoint)
                changed = endpoint
                return endpoint.storedJSON
            }
            guard let changed else { throw EndpointGone() }
            return changed
        }
    }
}

/// The endpoint went while a deploy ran (the transaction is rolled back).
struct EndpointGone: Error {}
