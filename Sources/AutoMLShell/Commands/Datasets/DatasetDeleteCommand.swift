import ArgumentParser
import AutoMLClient

/// `dataset delete [D]`.
struct DatasetDeleteCommand: StartsOperation {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a dataset and everything in it.")
    @Argument(help: "A dataset ID, full name or display name.") var dataset: String?

    func run(in session: ShellSession) async throws {
        let name = try await session.dataset(dataset)
        let operation = try await session.backend().deleteDataset(name)
        session.forget(.dataset, id: name.dataset)
        if session.context.dataset == name.dataset { session.update { $0.dataset = nil } }
        await session.started(operation, what: "deletion of \(name.dataset)", on: .dataset(name))
    }
}
