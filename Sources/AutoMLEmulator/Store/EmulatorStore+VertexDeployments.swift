import AutoMLWire
import Foundation
import GRDB

/// How a deploy's final transaction went.
enum DeployCommit: Sendable {
    /// The endpoint and the model show the deployment, and the operation is done with `response`.
    case deployed(VertexEndpoint, response: ProtoAny)
    /// Nothing was written; the operation is to fail with this status.
    case refused(Status)
    /// The operation had already ended (it was cancelled): nothing was written.
    case ended
}

extension EmulatorStore {
    /// A deploy's end in one transaction: `apply` changes the endpoint and the model as they are now (it checks
    /// again what the request was checked against, and throws a ``ServiceError`` to refuse), then both are written
    /// and the operation is marked done with what `apply` returns. So concurrent deploys, undeploys and deletes never
    /// see half a deployment, and a cancel either wins before it or finds the operation done.
    func commitDeploy(
        operationID: String, endpointID: String, modelID: String, now: Date,
        apply: @Sendable @escaping (inout VertexEndpoint, inout VertexModel) throws -> ProtoAny
    ) async throws -> DeployCommit {
        try await write { db in
            guard
                let text = try String.fetchOne(
                    db, sql: "SELECT json FROM operation WHERE id = ?", arguments: [operationID])
            else { return .ended }
            var operation = try LongRunningOperation.fromStored(text)
            if operation.done { return .ended }
            guard let endpointText = try Self.vertexJSON(db, .endpoint, endpointID) else {
                return .refused(Status(code: .notFound, message: "the endpoint was deleted during the deploy."))
            }
            guard let modelText = try Self.vertexModelJSON(db, modelID) else {
                return .refused(Status(code: .notFound, message: "model \(modelID) was deleted during the deploy."))
            }
            var endpoint = try VertexEndpoint.fromStored(endpointText)
            var model = try VertexModel.fromStored(modelText)
            let response: ProtoAny
            do {
                response = try apply(&endpoint, &model)
            } catch let error as ServiceError {
                return .refused(error.status)
            }
            try db.execute(
                sql: "UPDATE vertex_endpoint SET json = ? WHERE id = ?", arguments: [endpoint.storedJSON, endpointID])
            try db.execute(sql: "UPDATE model SET json = ? WHERE id = ?", arguments: [model.storedJSON, modelID])
            try Self.recordDone(db, &operation, id: operationID, response: response, now: now)
            return .deployed(endpoint, response: response)
        }
    }

    /// An undeploy in one transaction: `apply` changes the endpoint and the model (nil when the model is gone, so an
    /// endpoint can always be emptied) as they are now, or throws to refuse; returns the model as written.
    func commitUndeploy(
        endpointID: String, modelID: String,
        apply: @Sendable @escaping (inout VertexEndpoint, inout VertexModel?) throws -> Void
    ) async throws -> VertexModel? {
        try await write { db in
            guard let endpointText = try Self.vertexJSON(db, .endpoint, endpointID) else {
                throw ServiceError(.notFound, "the endpoint was deleted.", reason: "RESOURCE_NOT_FOUND")
            }
            var endpoint = try VertexEndpoint.fromStored(endpointText)
            var model = try Self.vertexModelJSON(db, modelID).map(VertexModel.fromStored)
            try apply(&endpoint, &model)
            try db.execute(
                sql: "UPDATE vertex_endpoint SET json = ? WHERE id = ?", arguments: [endpoint.storedJSON, endpointID])
            if let model {
                try db.execute(sql: "UPDATE model SET json = ? WHERE id = ?", arguments: [model.storedJSON, modelID])
            }
            return model
        }
    }

    /// Deletes an endpoint unless a model is deployed on it (checked in the same transaction); returns the
    /// endpoint as it was, or nil when it was already gone.
    func deleteVertexEndpoint(_ id: String, refusingIf inUse: @Sendable @escaping (VertexEndpoint) -> ServiceError?)
        async throws -> VertexEndpoint?
    {
        try await write { db in
            guard let text = try Self.vertexJSON(db, .endpoint, id) else { return nil }
            let endpoint = try VertexEndpoint.fromStored(text)
            if let refusal = inUse(endpoint) { throw refusal }
            try db.execute(sql: "DELETE FROM vertex_endpoint WHERE id = ?", arguments: [id])
            return endpoint
        }
    }

    /// Deletes a Vertex AI model (and its evaluations) unless an endpoint serves it (checked in the same
    /// transaction); returns whether it was there.
    func deleteVertexModel(_ id: String, refusingIf inUse: @Sendable @escaping (VertexModel) -> ServiceError?)
        async throws -> Bool
    {
        try await write { db in
            guard let text = try Self.vertexModelJSON(db, id) else { return false }
            if let refusal = inUse(try VertexModel.fromStored(text)) { throw refusal }
            try db.execute(sql: "DELETE FROM model WHERE id = ?", arguments: [id])
            return true
        }
    }

    static func vertexJSON(_ db: Database, _ table: VertexTable, _ id: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT json FROM \(table.rawValue) WHERE id = ?", arguments: [id])
    }

    static func vertexModelJSON(_ db: Database, _ id: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT json FROM model WHERE id = ? AND api = 'vertex'", arguments: [id])
    }
}
