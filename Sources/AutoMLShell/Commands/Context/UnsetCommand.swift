import ArgumentParser
import AutoMLClient

/// `unset dataset|model|operation|project`.
struct UnsetCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "unset", abstract: "Clear part of the context.")

    enum Field: String, ExpressibleByArgument, CaseIterable {
        case project, dataset, model, operation
    }

    @Argument(help: "What to clear.") var field: Field

    func run(in session: ShellSession) async throws {
        session.update {
            switch field {
            case .project: $0.project = nil; $0.dataset = nil; $0.model = nil; $0.operation = nil
            case .dataset: $0.dataset = nil
            case .model: $0.model = nil
            case .operation: $0.operation = nil
            }
        }
    }
}
