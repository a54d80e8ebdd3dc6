import AutoMLWire
import Foundation

/// The Vertex AI methods of the local backend (docs/vertex.md), on the same store, runner, trainer and prediction
/// workers as the v1 methods (``EmulatorService``).
struct VertexService: Sendable {
    let base: EmulatorService

    var store: EmulatorStore { base.store }
    var clock: any EmulatorClock { base.clock }

    /// The parent a request names, by project ID or number.
    func resolve(project: String, location: String) async throws -> VertexParent {
        if !project.isEmpty, project.allSatisfy(\.isASCIIDigit) {
            guard let id = try await store.vertexProject(withNumber: project) else {
                throw ServiceError(
                    .notFound,
                    "project number \(project) is not known to this backend; use the project ID (the backend "
                        + "gives each project a number the first time it is used, and names resources with it).",
                    reason: "PROJECT_NOT_FOUND")
            }
            return VertexParent(parent: Parent(project: id, location: location), number: project)
        }
        return VertexParent(
            parent: Parent(project: project, location: location),
            number: try await store.vertexProjectNumber(of: project))
    }

    /// Records an operation whose work runs in the background, nested under `owner` (`datasets/123`; "" for the
    /// location).
    func startOperation(
        in parent: VertexParent, owner: String, kind: VertexOperationKind, worksOn: String, job: OperationJob
    ) async throws -> LongRunningOperation {
        let stored = try await createOperation(in: parent, owner: owner, kind: kind, worksOn: worksOn, job: job)
        base.runner.start(stored)
        return stored.operation
    }

    /// Records an operation that finished within its request.
    func finishedOperation(
        in parent: VertexParent, owner: String, kind: VertexOperationKind, worksOn: String, response: some ProtoMessage
    ) async throws -> LongRunningOperation {
        let stored = try await createOperation(in: parent, owner: owner, kind: kind, worksOn: worksOn, job: .none)
        let answer = ProtoAny(response)
        return try await base.runner.finish(stored.id) { operation, _ in operation.response = answer }
            ?? stored.operation
    }

    private func createOperation(
        in parent: VertexParent, owner: String, kind: VertexOperationKind, worksOn: String, job: OperationJob
    ) async throws -> StoredOperation {
        var generic = VertexGenericOperationMetadata()
        generic.createTime = Timestamp(clock.now())
        generic.updateTime = generic.createTime
        var metadata = VertexOperationMetadata()
        metadata.genericMetadata = generic
        let packed = metadata.packed(as: kind)
        let prefix = owner.isEmpty ? parent.description : "\(parent)/\(owner)"
        return try await store.createOperation(
            in: parent.parent, prefix: "", kind: kind.metadataType, worksOn: worksOn, job: job, api: .vertex,
            owner: owner, name: { "\(prefix)/operations/\($0)" }, metadata: { _ in packed })
    }

    static func notFound(_ kind: String, _ name: String) -> ServiceError {
        ServiceError(.notFound, "\(kind) \"\(name)\" not found.", reason: "RESOURCE_NOT_FOUND")
    }
}
