import AutoMLWire
import Foundation

/// The local backend's extension for watching a training: `GET …/operations/ID:trainingLog` (v1) and
/// `GET …/trainingPipelines/ID:trainingLog` (Vertex AI) answer the ``TrainingLog`` of the training. Google's APIs
/// have no such method; GetOperation's JSON stays as Google's clients expect it (docs/emulator.md, "Training log").
extension EmulatorService {
    func trainingLog(ofOperation id: String, in parent: Parent) async throws -> PlainJSONResponse<TrainingLog> {
        let stored = try await requireOperation(id, in: parent)
        guard case .train(let state) = stored.job else {
            throw ServiceError.failedPrecondition(
                "operation \(parent)/operations/\(id) is a \(stored.kind) operation; only a training has a "
                    + "training log.")
        }
        return try await trainingLog(ofStored: stored.id, budget: state.budgetMilliNodeHours)
    }

    /// The log as stored, or an empty one for a training whose first epoch has not finished.
    func trainingLog(ofStored operationID: String, budget: Int64) async throws -> PlainJSONResponse<TrainingLog> {
        let log = try await store.trainingLog(ofOperation: operationID) ?? TrainingLog(budgetMilliNodeHours: budget)
        return PlainJSONResponse(log)
    }
}

extension VertexService {
    func trainingLog(ofPipeline id: String, in parent: VertexParent) async throws -> PlainJSONResponse<TrainingLog> {
        let stored = try await requirePipeline(id, in: parent)
        let budget: Int64
        if let operation = stored.operation, case .train(let state) = operation.job {
            budget = state.budgetMilliNodeHours
        } else {
            budget = 0
        }
        return try await base.trainingLog(ofStored: stored.operationID, budget: budget)
    }
}
