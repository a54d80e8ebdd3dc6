import ArgumentParser
import AutoMLClient
import Foundation

/// `model diff A B`.
struct ModelDiffCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Compare two models: settings and overall figures side by side.",
        discussion: """
            Each row shows a setting (dataset, model type, budget, cost, why training stopped, base model) or a \
            figure of the overall evaluation (auPRC, precision, recall and F1 at a score threshold of 0.5, log loss; \
            mAP at IoU 0.5 and 0.75 for object detection); * marks the better value where one is: the higher \
            figure, the lower log loss, the fewer node hours. On a terminal a table; otherwise (or with --format) \
            the rows and both models as JSON.
            """)
    @Argument(help: "A model ID, full name or display name.") var first: String
    @Argument(help: "The model to compare it with.") var second: String

    func run(in session: ShellSession) async throws {
        let backend = try await session.backend()
        let models = (try await session.model(first), try await session.model(second))
        let found = (try await backend.getModel(models.0), try await backend.getModel(models.1))
        let figures = (
            await ModelFacts.overallFigures(of: found.0.json, backend: backend),
            await ModelFacts.overallFigures(of: found.1.json, backend: backend)
        )
        let view = ModelDiffView(
            first: ModelFacts(model: found.0.json, figures: figures.0),
            second: ModelFacts(model: found.1.json, figures: figures.1))
        let result = view.json(first: found.0.json, second: found.1.json)
        guard session.drawsViews else {
            session.emit(result)
            return
        }
        session.lastResult = result
        session.show(view.render(width: session.output.width, colors: session.output.colors))
    }
}
