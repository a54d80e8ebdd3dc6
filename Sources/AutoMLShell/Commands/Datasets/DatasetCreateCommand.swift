import ArgumentParser
import AutoMLClient

/// `dataset create NAME --type multiclass|multilabel|detection`: creates a dataset and makes it current.
struct DatasetCreateCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a dataset and use it.")

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case multiclass, multilabel, detection
    }

    @Argument(help: "The display name: letters, digits and underscores, at most 32.") var name: String
    @Option(help: "multiclass (one label per image), multilabel, or detection (boxes).") var type: Kind = .multiclass

    func run(in session: ShellSession) async throws {
        var dataset = Dataset()
        dataset.displayName = name
        switch type {
        case .multiclass: dataset.imageClassificationDatasetMetadata = .init(classificationType: .multiclass)
        case .multilabel: dataset.imageClassificationDatasetMetadata = .init(classificationType: .multilabel)
        case .detection: dataset.imageObjectDetectionDatasetMetadata = ImageObjectDetectionDatasetMetadata()
        }
        let client = try await session.client()
        let operation = try await client.createDataset(in: try session.location(), dataset)
        let created = try await session.finish(operation, as: Dataset.self)
        if let id = created.datasetName?.dataset {
            session.update { $0.dataset = id }
            session.remember(created)
            session.variables.bind(ShellVariables.name("dataset", created.displayName), to: id)
        }
        session.emit(created)
    }
}
