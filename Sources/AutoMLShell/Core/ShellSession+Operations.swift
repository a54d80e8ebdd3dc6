import AutoMLClient
import Foundation

extension ShellSession {
    /// Reports an operation the command started: it becomes the current one, it is bound to
    /// `$operation_KIND_TARGET` (the display name of what it works on), and the result shows it.
    func started(_ operation: BackendOperation, what: String, on target: OperationTarget) async {
        adopt(operation)
        remember(operation)
        if !operation.reference.isEmpty, let kind = operation.kind, let name = await displayName(of: target) {
            variables.bind(ShellVariables.name("operation", kind, name), to: operation.reference)
        }
        if operation.done {
            note(operation.error == nil ? "\(what): done" : "\(what): failed")
        } else {
            if interactive, let backend = try? await backend(), let location = try? location(of: operation.reference) {
                finishNotices.track(operation, in: location, backend: backend)
            }
            // A one-shot command saves no current operation, so the next `automl watch` needs the ID.
            let id = operation.reference.isEmpty ? operation.id : operation.reference
            note("\(what) started: operation \(id) (`\(oneShot ? "automl watch \(id)" : "watch")` follows it)")
        }
        emit(operation.json)
    }

    /// A command that starts an operation failed before it started one (the current operation is the one from
    /// before): the current operation is cleared, so that a `watch` after it does not follow the older one.
    func forgetOperation(after command: String, failedBeforeStarting previous: String?) {
        guard let previous, context.operation == previous else { return }
        update { $0.operation = nil }
        note("no current operation now: `\(command)` started none (the one before is `watch \(previous)`)")
    }

    /// Makes an operation the current one.
    func adopt(_ operation: BackendOperation) {
        if !operation.reference.isEmpty { update { $0.operation = operation.reference } }
    }

    /// What a finished operation produced, applied to the context: a trained model becomes the current one.
    func settle(_ operation: BackendOperation) {
        guard operation.done, operation.error == nil else { return }
        switch operation.result {
        case .model(let model):
            update { $0.model = model.id }
            remember(.model, model)
            if !model.displayName.isEmpty {
                variables.bind(ShellVariables.name("model", model.displayName), to: model.id)
            }
        case .dataset(let dataset):
            remember(.dataset, dataset)
        case .none, .other:
            break
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
            guard let dataset = try? await backend().getDataset(name) else { return nil }
            remember(.dataset, dataset)
            return dataset.displayName
        case .model(let name):
            if let known = cache?.snapshot.entry(.model, id: name.model)?.displayName, !known.isEmpty { return known }
            guard let model = try? await backend().getModel(name) else { return nil }
            remember(.model, model)
            return model.displayName
        }
    }
}
