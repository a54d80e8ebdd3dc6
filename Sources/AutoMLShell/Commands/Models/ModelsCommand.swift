import ArgumentParser
import AutoMLClient
import Foundation

/// `models [--dataset D]`: lists models, optionally of one dataset.
struct ModelsCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "models", abstract: "List models.",
        discussion: """
            On a terminal, a summary: each model's headline figure (auPRC of its overall evaluation; mAP at IoU 0.5 \
            for object detection), node hours spent of its budget, why training stopped, its base model and age. \
            With --format, --limit or --sort-by, or not on a terminal, the models themselves.
            """)
    @Option(help: "Only the models trained on this dataset.") var dataset: String?
    @Option(help: "A ListModels filter, such as image_classification_model_metadata:*.") var filter: String?
    @OptionGroup var list: ListOptions

    func run(in session: ShellSession) async throws {
        var filters: [String] = []
        if let dataset {
            filters.append(try await session.backend().modelsFilter(dataset: try await session.dataset(dataset)))
        }
        if let filter { filters.append(filter) }
        if session.drawsViews, list.isEmpty {
            return try await summarize(filter: filters.isEmpty ? nil : filters.joined(separator: " AND "), in: session)
        }
        try await session.emitListing(
            .model, filter: filters.isEmpty ? nil : filters.joined(separator: " AND "), complete: filters.isEmpty,
            list: list)
    }
}

extension ModelsCommand {
    /// The summary: the models, then the overall evaluation of each (read a few at a time).
    private func summarize(filter: String?, in session: ShellSession) async throws {
        let items = try await session.listAll(.model, filter: filter, complete: filter == nil)
        let backend = try await session.backend()
        session.lastResult = items.isEmpty ? .object([:]) : .object([backend.collection(of: .model): .array(items)])
        guard !items.isEmpty else {
            session.note("no models in \(try session.location())")
            return
        }
        let facts = await ModelFacts.read(items, backend: backend)
        session.show(
            ModelsSummaryView(models: facts, now: Date()).render(
                width: session.output.width, colors: session.output.colors))
    }
}

extension ModelFacts {
    /// The facts of listed models, with the overall evaluation of each, in the order given.
    static func read(_ models: [JSONValue], backend: any ShellBackend) async -> [ModelFacts] {
        let figures = await withTaskGroup(of: (Int, EvaluationFigures?).self) { group in
            var found: [Int: EvaluationFigures] = [:]
            for (index, model) in models.enumerated() {
                if index >= 8, let next = await group.next() { found[next.0] = next.1 }
                group.addTask { (index, await overallFigures(of: model, backend: backend)) }
            }
            for await (done, value) in group { found[done] = value }
            return found
        }
        return models.enumerated().map { ModelFacts(model: $1, figures: figures[$0]) }
    }

    /// The figures of a model's overall evaluation; nil when it has none or they cannot be read.
    static func overallFigures(of model: JSONValue, backend: any ShellBackend) async -> EvaluationFigures? {
        guard let name = model["name"]?.stringValue.flatMap(ModelName.init),
            let overall = try? await backend.overallEvaluation(of: name)
        else { return nil }
        return EvaluationFigures(overall)
    }
}

/// `model get|delete|deploy|undeploy|export|diff`.
struct ModelCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "model", abstract: "Show, delete, deploy, undeploy, export or compare models.",
        subcommands: [
            ModelGetCommand.self, ModelDeleteCommand.self, ModelDeployCommand.self,
            ModelUndeployCommand.self, ModelExportCommand.self, ModelDiffCommand.self,
        ])
}
