import ArgumentParser
import AutoMLClient

/// `datasets`: lists the datasets of the location.
struct DatasetsCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "datasets", abstract: "List datasets.")
    @Option(help: "A ListDatasets filter, such as image_object_detection_dataset_metadata:*.") var filter: String?
    @OptionGroup var list: ListOptions

    func run(in session: ShellSession) async throws {
        try await session.emitListing(.dataset, filter: filter, complete: filter == nil, list: list)
    }
}

/// `dataset create|get|import|export|delete`.
struct DatasetCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "dataset", abstract: "Create, show, import into, export or delete a dataset.",
        subcommands: [
            DatasetCreateCommand.self, DatasetGetCommand.self, DatasetImportCommand.self,
            DatasetExportCommand.self, DatasetDeleteCommand.self,
        ])
}
