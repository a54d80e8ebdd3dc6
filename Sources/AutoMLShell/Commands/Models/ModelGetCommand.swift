import ArgumentParser
import AutoMLClient

/// `model get [M]`.
struct ModelGetCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Show a model (the current one by default).")
    @Argument(help: "A model ID, full name or display name.") var model: String?

    func run(in session: ShellSession) async throws {
        session.emit(try await session.backend().getModel(try await session.model(model)).json)
    }
}
