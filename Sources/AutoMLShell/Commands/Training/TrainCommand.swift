import ArgumentParser
import AutoMLClient
import Foundation

/// `train`: CreateModel from the context, checked before it is sent.
struct TrainCommand: StartsOperation {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train a model on a dataset with a node-hour budget.",
        discussion: """
            Checks the request before sending it: the budget's range for the model type, and (on the local \
            backend) that every label has enough images. --dry-run prints the equivalent curl command instead.
            """)

    @Option(help: "The model's display name (default: the dataset's name and the date).") var name: String?
    @Option(help: "The budget in node hours (1 node hour = 1,000 milli node hours).") var budget: Double = 24
    @Option(
        name: .customLong("model-type"),
        help: "cloud (default), mobile-low-latency-1, … (detection: cloud-high-accuracy-1, …).")
    var modelType: String?
    @Option(help: "The dataset (the current one by default).") var dataset: String?
    @Flag(help: "Deploy the model when training ends (waits for it).") var deploy = false
    @Flag(name: .customLong("no-early-stop"), help: "Spend the whole budget even when training stops improving.")
    var noEarlyStop = false
    @Flag(help: "Send even when the labels look too thin to train on.") var force = false
    @Flag(name: .customLong("dry-run"), help: "Print the equivalent curl command instead of sending.") var dryRun =
        false

    func run(in session: ShellSession) async throws {
        let datasetName = try await session.dataset(dataset)
        let backend = try await session.backend()
        let target = try await backend.getDataset(datasetName)
        var plan = try TrainingPlan(
            dataset: datasetName, kind: backend.datasetKind(of: target), datasetDisplayName: target.displayName,
            name: name, budgetNodeHours: budget, modelType: modelType, earlyStopping: !noEarlyStop, baseModelID: nil)
        if !dryRun, let stats = try await checkedLabels(datasetName, session: session) {
            try plan.check(stats, force: force, session: session)
            plan.useImportedSplits(stats, session: session)
        }
        if dryRun {
            try await session.printCurl(plan.request, backend: backend)
            return
        }
        let operation = try await backend.train(plan.request, in: try session.location())
        if name == nil { session.replayWords += ["--name", plan.displayName] }
        await session.started(
            operation,
            what: "training of \(plan.displayName) "
                + "(budget \(plan.budgetText), \(plan.modelType.name))",
            on: .displayName(plan.displayName))
        if deploy { try await DeployAfterTraining(session: session).run(operation) }
    }
}

extension TrainCommand {
    /// The dataset's label counts for the pre-flight check. When they cannot be read, training stops and says why,
    /// unless `--force`, which trains without the check and says so.
    func checkedLabels(_ dataset: DatasetName, session: ShellSession) async throws -> LabelStats? {
        do {
            return try await session.labelStats(of: dataset)
        } catch {
            let reason = ErrorReport.oneLine(error, session: session)
            guard force else {
                throw ShellError(
                    "the labels could not be checked before training: \(reason)",
                    hint: "fix that, or `train --force` to train without the check")
            }
            session.note("warning: the labels were not checked (\(reason)); training anyway (--force)")
            return nil
        }
    }
}

/// `train --deploy`: waits for training, then deploys the trained model.
struct DeployAfterTraining {
    let session: ShellSession

    func run(_ operation: BackendOperation) async throws {
        guard let done = try await OperationWatcher(session: session).follow(operation.reference) else { return }
        session.settle(done)
        if let error = done.error { throw AutoMLError(operationError: error) }
        guard case .model(let model) = done.result else {
            throw ShellError("training \(done.reference) ended without naming its model")
        }
        let modelName = try session.location().model(model.id)
        await session.started(
            try await session.backend().deployModel(modelName, nodes: 1),
            what: "deployment of \(modelName.model) on 1 node", on: .displayName(model.displayName))
    }
}

extension ShellSession {
    /// `--dry-run`: the curl command that sends the training request.
    func printCurl(_ request: TrainingRequest, backend: any ShellBackend) async throws {
        let location = try location()
        let call = try backend.trainingCall(request, in: location)
        let local = context.endpointValue.isLocalServer
        // The local server's address as it runs now (the dataset was just read from it); its Vertex AI surface is
        // under its own path.
        let endpoint = try await client().configuration.endpoint
        let path = (local && backend.api == .vertex ? VertexBackend.localSurfacePath : "") + call.path
        output.standardOutput(
            CurlCommand.post(
                call.body, path: path, project: location.project, endpoint: endpoint,
                token: local ? .localServer : .gcloud) + "\n")
    }
}
