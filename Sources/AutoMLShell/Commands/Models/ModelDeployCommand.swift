import ArgumentParser
import AutoMLClient

/// `model deploy [M] [--nodes N]`.
struct ModelDeployCommand: StartsOperation {
    static let configuration = CommandConfiguration(
        commandName: "deploy", abstract: "Deploy a model for online prediction.")
    @Argument(help: "A model ID, full name or display name.") var model: String?
    @Option(help: "Nodes to deploy on, 1–100.") var nodes: Int64 = 1

    func validate() throws {
        guard (1...100).contains(nodes) else { throw ValidationError("--nodes must be 1–100") }
    }

    func run(in session: ShellSession) async throws {
        let name = try await session.model(model)
        await session.started(
            try await session.backend().deployModel(name, nodes: nodes), what: "deployment of \(name.model)",
            on: .model(name))
    }
}
