import ArgumentParser
import AutoMLClient

/// `dataset get [D]`.
struct DatasetGetCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Show a dataset (the current one by default).")
    @Argument(help: "A dataset ID, full name or display name.") var dataset: String?

    func run(in session: ShellSession) async throws {
        let name = try await session.dataset(dataset)
        session.emit(try await session.backend().getDataset(name).json)
    }
}
