import ArgumentParser
import AutoMLClient

/// `dataset delete [D]`.
struct DatasetDeleteCommand: StartsOperation {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a dataset and everything in it.")
    @Argument(help: "A dataset ID, full name or display name.") var dataset: String?
    @Flag(help: "Delete without asking (scripts must give it).") var quiet = false

    func run(in session: ShellSession) async throws {
        let name = try await session.dataset(dataset)
        let shown = await session.displayName(of: .dataset(name)).map { " (\($0))" } ?? ""
        try session.confirm(
            "Delete dataset \(name.dataset)\(shown) and everything in it?", command: "dataset delete", quiet: quiet)
        let operation = try await session.backend().deleteDataset(name)
        session.forget(.dataset, id: name.dataset)
        if session.context.dataset == name.dataset { session.update { $0.dataset = nil } }
        await session.started(operation, what: "deletion of \(name.dataset)", on: .dataset(name))
    }
}
