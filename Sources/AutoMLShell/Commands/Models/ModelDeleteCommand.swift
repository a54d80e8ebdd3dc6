import ArgumentParser
import AutoMLClient

/// `model delete [M]`.
struct ModelDeleteCommand: StartsOperation {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a model.")
    @Argument(help: "A model ID, full name or display name.") var model: String?
    @Flag(help: "Delete without asking (scripts must give it).") var quiet = false

    func run(in session: ShellSession) async throws {
        let name = try await session.model(model)
        let shown = await session.displayName(of: .model(name)).map { " (\($0))" } ?? ""
        try session.confirm("Delete model \(name.model)\(shown)?", command: "model delete", quiet: quiet)
        let operation = try await session.backend().deleteModel(name)
        session.forget(.model, id: name.model)
        if session.context.model == name.model { session.update { $0.model = nil } }
        await session.started(operation, what: "deletion of \(name.model)", on: .model(name))
    }
}
