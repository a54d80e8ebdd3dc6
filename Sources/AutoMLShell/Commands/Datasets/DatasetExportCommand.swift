import ArgumentParser
import AutoMLClient

/// `dataset export [--dataset D] GCS_PREFIX`.
struct DatasetExportCommand: StartsOperation {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a dataset under a gs:// prefix (CSV on AutoML v1, JSON Lines on Vertex AI).")
    @Option(help: "The dataset (the current one by default).") var dataset: String?
    @Argument(help: "A gs:// folder to write to.") var destination: String

    func run(in session: ShellSession) async throws {
        let name = try await session.dataset(dataset)
        let operation = try await session.backend().exportData(name, to: destination)
        session.remember(folders: [destination])
        await session.started(operation, what: "export of \(name.dataset)", on: .dataset(name))
    }
}
