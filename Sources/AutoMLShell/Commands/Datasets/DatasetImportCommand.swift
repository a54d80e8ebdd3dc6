import ArgumentParser
import AutoMLClient

/// `dataset import [--dataset D] CSV_URI...`: starts importing and makes the operation current.
struct DatasetImportCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import images and labels from CSV files (gs:// URIs or local paths).")
    @Option(help: "The dataset (the current one by default).") var dataset: String?
    @Argument(help: "CSV files in the AutoML import format.") var csv: [String]

    func validate() throws {
        guard !csv.isEmpty else { throw ValidationError("name at least one CSV file") }
    }

    func run(in session: ShellSession) async throws {
        let name = try await session.dataset(dataset)
        let operation = try await session.client().importData(
            into: name, InputConfig(gcsSource: GcsSource(inputUris: csv)))
        await session.started(operation, what: "import into \(name.dataset)", on: .dataset(name))
    }
}
