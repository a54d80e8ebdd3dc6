import ArgumentParser
import AutoMLClient

/// `unset dataset|model|operation|project`.
struct UnsetCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "unset", abstract: "Clear part of the context.")

    enum Field: String, ExpressibleByArgument, CaseIterable {
        case project, dataset, model, operation, bucket
    }

    @Argument(help: "What to clear.") var field: Field

    func run(in session: ShellSession) async throws {
        switch field {
        case .project: session.move(project: .some(nil))
        case .dataset: session.update { $0.dataset = nil }
        case .model: session.update { $0.model = nil }
        case .operation: session.update { $0.operation = nil }
        case .bucket: session.setBucket(nil)
        }
    }
}
