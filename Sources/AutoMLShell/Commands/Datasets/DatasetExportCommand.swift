import ArgumentParser
import AutoMLClient

/// `dataset export [--dataset D] GCS_PREFIX`.
struct DatasetExportCommand: StartsOperation {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a dataset as CSV under a gs:// prefix.")
    @Option(help: "The dataset (the current one by default).") var dataset: String?
    @Argument(help: "A gs:// folder to write to.") var destination: String

    func run(in session: ShellSession) async throws {
        let name = try await session.dataset(dataset)
        let config = OutputConfig(gcsDestination: GcsDestination(outputUriPrefix: destination))
        let operation = try await session.client().exportData(name, to: config)
        session.remember(folders: [destination])
        await session.started(operation, what: "export of \(name.dataset)", on: .dataset(name))
    }
}
