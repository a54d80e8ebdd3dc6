import AutoMLClient
import Foundation

extension ShellSession {
    /// Reports an operation the command started: it becomes the current one, it is bound to
    /// `$operation_KIND_TARGET` (the display name of what it works on), and the result shows it.
    func started(_ operation: LongRunningOperation, what: String, on target: OperationTarget) async {
        adopt(operation)
        remember(operation)
        if let id = operation.operationName?.operation, let kind = operation.automlMetadata?.kind,
            let name = await displayName(of: target)
        {
            variables.bind(ShellVariables.name("operation", kind, name), to: id)
        }
        if operation.done {
            note(operation.error == nil ? "\(what): done" : "\(what): failed")
        } else {
            // A one-shot command saves no current operation, so the next `automl watch` needs the ID.
            let id = operation.operationName?.operation ?? operation.name
            note("\(what) started: operation \(id) (`\(oneShot ? "automl watch \(id)" : "watch")` follows it)")
        }
        emit(operation)
    }

    /// A command that starts an operation failed before it started one (the current operation is the one from
    /// before): the current operation is cleared, so that a `watch` after it does not follow the older one.
    func forgetOperation(after command: String, failedBeforeStarting previous: String?) {
        guard let previous, context.operation == previous else { return }
        update { $0.operation = nil }
        note("no current operation now: `\(command)` started none (the one before is `watch \(previous)`)")
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
            if !model.displayName.isEmpty { variables.bind(ShellVariables.name("model", model.displayName), to: id) }
        } else if response.holds(Dataset.self), let dataset = try? response.unpack(Dataset.self) {
            remember(dataset)
        }
    }
}

/// What an operation works on, for the variable it is bound to.
enum OperationTarget {
    case dataset(DatasetName)
    case model(ModelName)
    /// A display name already known (the model a training makes).
    case displayName(String)
}

extension ShellSession {
    /// The display name of a target: given, from the completion cache, or fetched; nil when none is found.
    func displayName(of target: OperationTarget) async -> String? {
        switch target {
        case .displayName(let name):
            return name
        case .dataset(let name):
            if let known = cache?.snapshot.entry(.dataset, id: name.dataset)?.displayName, !known.isEmpty {
                return known
            }
            guard let dataset = try? await client().getDataset(name) else { return nil }
            remember(dataset)
            return dataset.displayName
        case .model(let name):
            if let known = cache?.snapshot.entry(.model, id: name.model)?.displayName, !known.isEmpty { return known }
            guard let model = try? await client().getModel(name) else { return nil }
            remember(model)
            return model.displayName
        }
    }
}
