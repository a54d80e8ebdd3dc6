import ArgumentParser
import AutoMLClient

/// `evaluations [M]`: the overall evaluation and one per label; their IDs become what `evaluation get` completes.
struct EvaluationsCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "evaluations", abstract: "List a model's evaluations.")
    @Argument(help: "A model ID, full name or display name (the current one by default).") var model: String?

    func run(in session: ShellSession) async throws {
        let name = try await session.model(model)
        var response = ListModelEvaluationsResponse()
        response.modelEvaluation = try await session.client().listModelEvaluations(of: name).collect()
        session.rememberAll(response.modelEvaluation)
        if let model = await session.displayName(of: .model(name)) {
            for evaluation in response.modelEvaluation {
                guard let id = evaluation.name.split(separator: "/").last else { continue }
                let label = evaluation.annotationSpecId.isEmpty ? "all" : evaluation.displayName
                session.variables.bind(ShellVariables.name("evaluation", model, label), to: String(id))
            }
        }
        if response.modelEvaluation.isEmpty {
            session.note("\(name.model) has no evaluations (models trained without a real trainer have none)")
        }
        session.emit(response)
    }
}

/// `evaluation get E [--model M]`.
struct EvaluationCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "evaluation", abstract: "Show a model evaluation.",
        subcommands: [EvaluationGetCommand.self])
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
        let name = try await session.model(model).evaluation(evaluation)
        let result = try await session.client().getModelEvaluation(name)
        let drawing = EvaluationView(width: session.output.width).render(result)
        if view {
            session.lastResult = result.protoJSON(options: .canonical)
            session.output.standardOutput(drawing)
            return
        }
        session.emit(result)
        if session.output.interactive { session.output.standardOutput("\n" + drawing) }
    }
}
