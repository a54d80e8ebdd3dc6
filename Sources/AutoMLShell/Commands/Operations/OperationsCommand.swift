import ArgumentParser
import AutoMLClient

/// `operations [--done|--running] [--works-on R] [--filter EXPR]`.
struct OperationsCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "operations", abstract: "List operations.")
    @Flag(help: "Only finished operations.") var done = false
    @Flag(help: "Only running operations.") var running = false
    @Option(name: .customLong("works-on"), help: "Only those working on this model (or dataset: dataset/ID).")
    var worksOn: String?
    @Option(help: "A ListOperations filter, such as operation_id=ICN123.") var filter: String?
    @OptionGroup var list: ListOptions

    func validate() throws {
        if done, running { throw ValidationError("give --done or --running, not both") }
    }

    func run(in session: ShellSession) async throws {
        var target: String?
        if let worksOn {
            target =
                worksOn.hasPrefix("dataset/")
                ? try await session.dataset(String(worksOn.dropFirst(8))).description
                : try await session.model(worksOn).description
        }
        var filters = try await session.backend().operationsFilter(
            done: done ? true : running ? false : nil, worksOn: target)
        if let filter { filters.append(filter) }
        try await session.emitListing(
            .operation, filter: filters.isEmpty ? nil : filters.joined(separator: " AND "), complete: filters.isEmpty,
            list: list)
    }
}

/// `operation get|cancel|delete`.
struct OperationCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "operation", abstract: "Show, cancel or forget an operation (`watch` waits for one).",
        subcommands: [OperationGetCommand.self, OperationCancelCommand.self, OperationDeleteCommand.self])
}

/// `operation get [O]`.
struct OperationGetCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Show an operation (the last one by default).")
    @Argument(help: "An operation ID or full name.") var operation: String?

    func run(in session: ShellSession) async throws {
        let reference = try await session.operation(operation)
        let state = try await session.backend().operation(reference, in: try session.location(of: reference))
        session.adopt(state)
        session.emit(state.json)
    }
}

/// `operation cancel [O]`.
struct OperationCancelCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Ask the server to stop an operation (it may still finish).")
    @Argument(help: "An operation ID or full name.") var operation: String?

    func run(in session: ShellSession) async throws {
        let reference = try await session.operation(operation)
        let backend = try await session.backend()
        try await backend.cancelOperation(reference, in: try session.location(of: reference))
        session.note("cancel requested for \(reference); `watch \(reference)` shows how it ends")
        session.emit(try await backend.operation(reference, in: try session.location(of: reference)).json)
    }
}

/// `operation delete [O]`.
struct OperationDeleteCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Forget an operation's result (its work goes on).")
    @Argument(help: "An operation ID or full name.") var operation: String?

    func run(in session: ShellSession) async throws {
        let reference = try await session.operation(operation)
        try await session.backend().deleteOperation(reference, in: try session.location(of: reference))
        session.forget(.operation, id: reference)
        if session.context.operation == reference { session.update { $0.operation = nil } }
        session.note("forgot \(reference)")
    }
}
