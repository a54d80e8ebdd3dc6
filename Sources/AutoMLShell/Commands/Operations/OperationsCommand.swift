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

    func validate() throws {
        if done, running { throw ValidationError("give --done or --running, not both") }
    }

    func run(in session: ShellSession) async throws {
        var filters: [String] = []
        if done { filters.append("done=true") }
        if running { filters.append("done=false") }
        if let worksOn {
            if worksOn.hasPrefix("dataset/") {
                filters.append("worksOn=\(try await session.dataset(String(worksOn.dropFirst(8))))")
            } else {
                filters.append("worksOn=\(try await session.model(worksOn))")
            }
        }
        if let filter { filters.append(filter) }
        try await session.emitListing(
            .operations, filter: filters.isEmpty ? nil : filters.joined(separator: " AND "), remembering: .operation,
            complete: filters.isEmpty)
    }
}

/// `operation get|cancel|delete|wait`.
struct OperationCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "operation", abstract: "Show, cancel, forget or wait for an operation.",
        subcommands: [OperationGetCommand.self, OperationCancelCommand.self, OperationDeleteCommand.self])
}

/// `operation get [O]`.
struct OperationGetCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Show an operation (the last one by default).")
    @Argument(help: "An operation ID or full name.") var operation: String?

    func run(in session: ShellSession) async throws {
        let name = try session.operation(operation)
        let state = try await session.client().getOperation(name)
        session.adopt(state)
        session.emit(state)
    }
}

/// `operation cancel [O]`.
struct OperationCancelCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Ask the server to stop an operation (it may still finish).")
    @Argument(help: "An operation ID or full name.") var operation: String?

    func run(in session: ShellSession) async throws {
        let name = try session.operation(operation)
        let client = try await session.client()
        try await client.cancelOperation(name)
        session.note("cancel requested for \(name.operation); `watch \(name.operation)` shows how it ends")
        session.emit(try await client.getOperation(name))
    }
}

/// `operation delete [O]`.
struct OperationDeleteCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Forget an operation's result (its work goes on).")
    @Argument(help: "An operation ID or full name.") var operation: String?

    func run(in session: ShellSession) async throws {
        let name = try session.operation(operation)
        try await session.client().deleteOperation(name)
        session.forget(.operation, id: name.operation)
        if session.context.operation == name.operation { session.update { $0.operation = nil } }
        session.note("forgot \(name.operation)")
    }
}
