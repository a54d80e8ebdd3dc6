import ArgumentParser
import AutoMLClient

/// `dataset create NAME --type multiclass|multilabel|detection`: creates a dataset and makes it current.
struct DatasetCreateCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a dataset and use it.")

    @Argument(help: "The display name: letters, digits and underscores, at most 32.") var name: String
    @Option(help: "multiclass (one label per image), multilabel, or detection (boxes).") var type: DatasetKind =
        .multiclass

    func run(in session: ShellSession) async throws {
        let created = try await session.backend().createDataset(
            in: try session.location(), displayName: name, kind: type)
        if !created.id.isEmpty {
            session.update { $0.dataset = created.id }
            session.remember(.dataset, created)
            session.variables.bind(ShellVariables.name("dataset", created.displayName), to: created.id)
        }
        session.emit(created.json)
    }
}

extension DatasetKind: ExpressibleByArgument {}
