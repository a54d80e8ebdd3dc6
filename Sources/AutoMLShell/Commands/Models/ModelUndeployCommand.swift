import ArgumentParser
import AutoMLClient

/// `model undeploy [M]`.
struct ModelUndeployCommand: StartsOperation {
    static let configuration = CommandConfiguration(commandName: "undeploy", abstract: "Undeploy a model.")
    @Argument(help: "A model ID, full name or display name.") var model: String?

    func run(in session: ShellSession) async throws {
        let name = try await session.model(model)
        await session.started(
            try await session.backend().undeployModel(name), what: "undeployment of \(name.model)",
            on: .model(name))
    }
}
