import ArgumentParser
import AutoMLClient
import Foundation

/// `resume`: resumable training from a base model, checked before it is sent.
struct ResumeCommand: StartsOperation {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Train a new model starting from a base model (resumable training).",
        discussion: """
            The new model keeps the base model's type and dataset. The service allows it only for base models \
            trained within the last 14 days whose dataset labels have not changed; it is offered for datasets \
            of more than 1,000 images, and a better model is not guaranteed.
            """)

    @Option(name: .customLong("base-model"), help: "The base model (the current one by default).") var baseModel:
        String?
    @Option(help: "The budget in node hours.") var budget: Double = 8
    @Option(help: "The new model's display name (default: the dataset's name and the time, as for train).")
    var name: String?
    @Flag(help: "Send even when the checks fail.") var force = false
    @Flag(name: .customLong("dry-run"), help: "Print the equivalent curl command instead of sending.") var dryRun =
        false

    func run(in session: ShellSession) async throws {
        let baseName = try await session.model(baseModel)
        let backend = try await session.backend()
        let base = try await backend.trainedModel(try await backend.getModel(baseName))
        let datasetName = try session.location().dataset(base.datasetID)
        let dataset = try await backend.getDataset(datasetName)
        let plan = try TrainingPlan(
            dataset: datasetName, kind: backend.datasetKind(of: dataset), datasetDisplayName: dataset.displayName,
            name: name ?? TrainingPlan.defaultName(for: dataset.displayName),
            budgetNodeHours: budget, modelType: base.modelTypeName, earlyStopping: true,
            baseModelID: baseName.model)
        var problems = try await ResumeChecks(session: session, baseName: baseName, dataset: datasetName).problems()
        if backend.api == .automl, let trained = base.created, Date().timeIntervalSince(trained) > 14 * 86_400 {
            problems.append("base model \(baseName.model) was trained more than 14 days ago")
        }
        session.note(
            "note: resumable training is offered for datasets of more than 1,000 images and does not "
                + "guarantee a better model")
        if !problems.isEmpty {
            if !force {
                throw ShellError(
                    problems.joined(separator: "; "), hint: "the service would refuse it; --force sends anyway")
            }
            session.note("warning: " + problems.joined(separator: "; ") + " (sent anyway: --force)")
        }
        if dryRun {
            try await session.printCurl(plan.request, backend: backend)
            return
        }
        let operation = try await backend.train(plan.request, in: try session.location())
        if name == nil { session.replayWords += ["--name", plan.displayName] }
        await session.started(
            operation, what: "resumed training of \(plan.displayName) from \(baseName.model)",
            on: .displayName(plan.displayName))
    }
}

/// What the service checks for resumable training that the shell can check first: the label set.
struct ResumeChecks {
    let session: ShellSession
    let baseName: ModelName
    let dataset: DatasetName

    /// The labels the base model was trained on come from its per-label evaluations; today's from the dataset.
    func problems() async throws -> [String] {
        let trainedOn = try await session.backend().trainedLabels(of: baseName)
        guard !trainedOn.isEmpty else {
            session.note(
                "note: \(baseName.model) has no per-label evaluations, so the shell cannot compare labels; "
                    + "the service checks them")
            return []
        }
        let stats: LabelStats
        do {
            stats = try await session.labelStats(of: dataset)
        } catch {
            return [
                "the labels could not be compared with the base model's: \(ErrorReport.oneLine(error, session: session))"
            ]
        }
        let now = Set(stats.rows.map(\.label))
        guard now != trainedOn else { return [] }
        let added = now.subtracting(trainedOn).sorted()
        let removed = trainedOn.subtracting(now).sorted()
        var change: [String] = []
        if !added.isEmpty { change.append("added " + added.joined(separator: ", ")) }
        if !removed.isEmpty { change.append("removed " + removed.joined(separator: ", ")) }
        return [
            "the labels of dataset \(dataset.dataset) changed since \(baseName.model) was trained ("
                + change.joined(separator: "; ") + ")"
        ]
    }
}
