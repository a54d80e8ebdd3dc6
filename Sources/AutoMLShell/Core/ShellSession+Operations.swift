import AutoMLClient
import Foundation

extension ShellSession {
    /// Reports an operation the command started: it becomes the current one, and the result shows it.
    func started(_ operation: LongRunningOperation, what: String) {
        adopt(operation)
        remember(operation)
        if operation.done {
            note(operation.error == nil ? "\(what): done" : "\(what): failed")
        } else {
            note("\(what) started: operation \(operation.operationName?.operation ?? operation.name) "
                 + "(`watch` follows it)")
        }
        emit(operation)
    }

    /// Makes an operation the current one.
    func adopt(_ operation: LongRunningOperation) {
        if let id = operation.operationName?.operation { update { $0.operation = id } }
    }

    /// Waits for an operation that finishes quickly (a dataset create) and returns its result.
    func finish<Result: ProtoMessage>(_ operation: LongRunningOperation, as type: Result.Type) async throws -> Result {
        if operation.done { return try AutoMLClient.result(of: operation, as: type) }
        let name = try OperationName(parsing: operation.name)
        let policy = PollPolicy(initialDelay: .milliseconds(100), maxDelay: .seconds(2), timeout: .seconds(120))
        return try await client().wait(for: name, as: type, policy: policy)
    }

    /// What a finished operation produced, applied to the context: a trained model becomes the current one.
    func settle(_ operation: LongRunningOperation) {
        guard operation.done, operation.error == nil, let response = operation.response else { return }
        if response.holds(Model.self), let model = try? response.unpack(Model.self), let id = model.modelName?.model {
            update { $0.model = id }
            remember(model)
        } else if response.holds(Dataset.self), let dataset = try? response.unpack(Dataset.self) {
            remember(dataset)
        }
    }
}
