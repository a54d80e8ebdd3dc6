import ArgumentParser
import AutoMLClient

/// `labels [D]`: images per label and split, with the service's adequacy advice.
struct LabelsCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "labels", abstract: "Show images per label and split, and whether they are enough to train.",
        discussion: """
            On a terminal: a row per label with a bar per split, and beside the labels that fall short what they \
            fall short of (10 images are the minimum to train, about 1,000 are recommended). Elsewhere, or with \
            --format: an object with the counts per label, the problems that stop training and the advice.
            """)
    @Argument(help: "A dataset ID, full name or display name (the current one by default).") var dataset: String?

    func run(in session: ShellSession) async throws {
        let name = try await session.dataset(dataset)
        let stats = try await session.labelStats(of: name)
        guard session.drawsViews else { return session.emit(stats.json) }
        session.lastResult = stats.json
        let title = await session.displayName(of: .dataset(name)).map { "\($0) (\(name.dataset))" } ?? name.dataset
        session.show(
            LabelsView(width: session.output.width, colors: session.output.colors).render(stats, title: title))
    }
}
