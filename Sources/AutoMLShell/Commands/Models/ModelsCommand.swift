import ArgumentParser
import AutoMLClient

/// `models [--dataset D]`: lists models, optionally of one dataset.
struct ModelsCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "models", abstract: "List models.")
    @Option(help: "Only the models trained on this dataset.") var dataset: String?
    @Option(help: "A ListModels filter, such as image_classification_model_metadata:*.") var filter: String?
    @OptionGroup var list: ListOptions

    func run(in session: ShellSession) async throws {
        var filters: [String] = []
        if let dataset {
            filters.append(try await session.backend().modelsFilter(dataset: try await session.dataset(dataset)))
        }
        if let filter { filters.append(filter) }
        try await session.emitListing(
            .model, filter: filters.isEmpty ? nil : filters.joined(separator: " AND "), complete: filters.isEmpty,
            list: list)
    }
}

/// `model get|delete|deploy|undeploy|export`.
struct ModelCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "model", abstract: "Show, delete, deploy, undeploy or export a model.",
        subcommands: [
            ModelGetCommand.self, ModelDeleteCommand.self, ModelDeployCommand.self,
            ModelUndeployCommand.self, ModelExportCommand.self,
        ])
}
