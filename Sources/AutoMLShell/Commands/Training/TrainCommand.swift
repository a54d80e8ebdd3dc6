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
        let client = try await session.client()
        let target = try await client.getDataset(datasetName)
        let plan = try TrainingPlan(
            dataset: target, datasetID: datasetName.dataset, name: name, budgetNodeHours: budget,
            modelType: modelType, earlyStopping: !noEarlyStop, baseModelID: nil)
        if !dryRun, let stats = try await checkedLabels(datasetName, session: session) {
            try plan.check(stats, force: force, session: session)
        }
        if dryRun {
            session.output.standardOutput(
                CurlCommand.createModel(
                    plan.model, in: try session.location(),
                    endpoint: session.context.endpoint) + "\n")
            return
        }
        let operation = try await client.createModel(in: try session.location(), plan.model)
        if name == nil { session.replayWords += ["--name", plan.model.displayName] }
        await session.started(
            operation,
            what: "training of \(plan.model.displayName) "
                + "(budget \(plan.budgetText), \(plan.modelType.name))",
            on: .displayName(plan.model.displayName))
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

    func run(_ operation: LongRunningOperation) async throws {
        let name = try OperationName(parsing: operation.name)
        guard let done = try await OperationWatcher(session: session).follow(name) else { return }
        session.settle(done)
        if let error = done.error { throw AutoMLError(operationError: error) }
        let model = try AutoMLClient.result(of: done, as: Model.self)
        let modelName = try ModelName(parsing: model.name)
        var request = DeployModelRequest()
        if model.imageObjectDetectionModelMetadata != nil {
            request.imageObjectDetectionModelDeploymentMetadata = ModelDeploymentMetadata(nodeCount: 1)
        } else {
            request.imageClassificationModelDeploymentMetadata = ModelDeploymentMetadata(nodeCount: 1)
        }
        await session.started(
            try await session.client().deployModel(modelName, request),
            what: "deployment of \(modelName.model) on 1 node", on: .displayName(model.displayName))
    }
}
