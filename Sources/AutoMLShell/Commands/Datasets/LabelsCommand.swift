import ArgumentParser

/// `labels [D]`: images per label and split, with the service's adequacy advice.
struct LabelsCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "labels", abstract: "Show images per label and split, and whether they are enough to train.")
    @Argument(help: "A dataset ID, full name or display name (the current one by default).") var dataset: String?

    func run(in session: ShellSession) async throws {
        let name = try await session.dataset(dataset)
        session.emit(try await session.labelStats(of: name).json)
    }
}
