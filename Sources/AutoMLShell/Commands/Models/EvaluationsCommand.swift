import ArgumentParser
import AutoMLClient

/// `evaluations [M]`: the overall evaluation and one per label; their IDs become what `evaluation get` completes.
struct EvaluationsCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluations", abstract: "List a model's evaluations.",
        discussion: """
            On a terminal, a summary: one row per label and the overall one, with precision, recall and F1 at a \
            score threshold of 0.5, the area under the precision/recall curve and the test images (for object \
            detection mean average precision at IoU 0.5 and 0.75 and the test boxes). With --format, --limit or \
            --sort-by, or not on a terminal, the evaluations themselves.
            """)
    @Argument(help: "A model ID, full name or display name (the current one by default).") var model: String?
    @OptionGroup var list: ListOptions

    func run(in session: ShellSession) async throws {
        let name = try await session.model(model)
        let evaluations = try await session.backend().evaluations(of: name)
        session.rememberAll(evaluations)
        if let model = await session.displayName(of: .model(name)) {
            for entry in evaluations.entries {
                session.variables.bind(ShellVariables.name("evaluation", model, entry.label ?? "all"), to: entry.id)
            }
        }
        if evaluations.entries.isEmpty {
            session.note("\(name.model) has no evaluations (models trained without a real trainer have none)")
        }
        // On a terminal a summary; sorted or cut, or in a chosen format, the evaluations themselves.
        guard session.drawsViews, list.isEmpty, !evaluations.views.isEmpty else {
            session.emit(list.apply(toList: evaluations.json))
            return
        }
        session.lastResult = evaluations.json
        let figures = evaluations.views.map(EvaluationFigures.init)
        session.show(
            EvaluationSummaryView(figures: figures).render(width: session.output.width, colors: session.output.colors))
        session.note("`evaluation get E` shows one whole (Tab completes E); `--format json` prints them all")
    }
}

/// `evaluation get E [--model M]`.
struct EvaluationCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "evaluation", abstract: "Show a model evaluation, or the images a model got wrong.",
        subcommands: [EvaluationGetCommand.self, EvaluationErrorsCommand.self])
}

/// `evaluation get E [--model M] [--view]`.
struct EvaluationGetCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Show one evaluation.",
        discussion: """
            Prints the evaluation in the current format. On a terminal, a view follows it: the headline figures, \
            the precision/recall curve and, for classification, the confusion matrix. --view prints only that \
            view, on a terminal or not.
            """)
    @Argument(help: "The evaluation ID.") var evaluation: String
    @Option(help: "The model (the current one by default).") var model: String?
    @Flag(help: "Print the curve and the confusion matrix instead of the result.") var view = false

    func run(in session: ShellSession) async throws {
        let result = try await session.backend().evaluation(evaluation, of: try await session.model(model))
        let drawing = result.view.map { EvaluationView(width: session.output.width).render($0) }
        if view {
            guard let drawing else {
                throw ShellError(
                    "this evaluation's metrics are of a kind the view does not draw", hint: "leave out --view")
            }
            session.lastResult = result.json
            session.show(drawing)
            return
        }
        session.emit(result.json)
        if session.output.interactive, let drawing { session.show("\n" + drawing) }
    }
}
