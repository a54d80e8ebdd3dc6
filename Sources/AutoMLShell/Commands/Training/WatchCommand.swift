import ArgumentParser
import AutoMLClient

/// `watch [O]`: follows an operation until it is done. Ctrl-C stops watching, not the operation.
struct WatchCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow an operation until it is done (Ctrl-C stops watching, not the operation).",
        discussion: """
            On a terminal a view redrawn in place: a bar of the budget spent, the elapsed time and an estimate of \
            the time left; for a training on the local backend also each candidate of its search with its epochs \
            and best validation score, a chart of the current one's scores, its learning rate and when it was \
            lowered, and why training stopped. Elsewhere a line whenever the state changes. A finished training \
            makes its model the current one.
            """)
    @Argument(
        help: "An operation ID or full name (the last one started by default); on Vertex AI also a training pipeline.")
    var operation: String?
    @Flag(help: "Follow every running operation of the location, one line each, until all are done.")
    var all = false

    func validate() throws {
        if all, operation != nil { throw ValidationError("give an operation or --all, not both") }
    }

    func run(in session: ShellSession) async throws {
        if all { return try await AllOperationsWatcher(session: session).follow() }
        let reference = try await session.operation(operation)
        let final = try await OperationWatcher(session: session).follow(reference)
        guard let final else { return }
        session.adopt(final)
        session.settle(final)
        if let error = final.error {
            session.emit(final.json)
            throw AutoMLError(operationError: error)
        }
        // A trained model or a created dataset is the result; an operation that returns nothing shows itself.
        switch final.result {
        case .model(let resource), .dataset(let resource): session.emit(resource.json)
        case .other(let json): session.emit(json)
        case .none: session.emit(final.json)
        }
    }
}
