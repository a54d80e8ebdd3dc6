import AutoMLWire
import Foundation
import Logging

/// The v1 methods of the local backend: validation, the store, and the operations that do the work.
/// The router calls one method per request; the runner calls ``runJob(_:)`` for background work.
final class EmulatorService: Sendable {
    let configuration: EmulatorConfiguration
    let store: EmulatorStore
    let clock: any EmulatorClock
    let trainer: any Trainer
    let runner: OperationRunner
    /// The prediction workers of deployed models.
    let serving: ServingWorkers
    /// Recent ListModels answers (see ``ListCache``).
    let modelLists = ListCache<Model>()
    let logger: Logger
    /// Decides whether a training run fails on purpose (fault injection); nil never.
    let trainingShouldFail: @Sendable () -> Bool

    init(
        configuration: EmulatorConfiguration, store: EmulatorStore, clock: any EmulatorClock, trainer: any Trainer,
        logger: Logger, trainingShouldFail: @escaping @Sendable () -> Bool = { false }
    ) {
        self.configuration = configuration
        self.store = store
        self.clock = clock
        self.trainer = trainer
        self.logger = logger
        self.trainingShouldFail = trainingShouldFail
        serving = ServingWorkers(
            locator: WorkerLocator(),
            logFolder: configuration.dataDirectory.appendingPathComponent("logs"))
        runner = OperationRunner(store: store, clock: clock, logger: logger)
        runner.setWork { [weak self] operation in
            guard let self else { throw CancellationError() }
            return try await self.runJob(operation)
        }
    }

    /// Picks up operations that were running when the process stopped: each continues from what it stored.
    func resumeUnfinished() async throws {
        for operation in try await store.unfinishedOperations() {
            if operation.cancelRequested {
                await runner.endCancelled(operation.id)
            } else {
                logger.info("resuming operation \(operation.id) (\(operation.kind))")
                runner.start(operation)
            }
        }
    }

    /// Records a new operation and starts its work.
    func startOperation(
        in parent: Parent, prefix: String, worksOn: String, job: OperationJob,
        details: (inout OperationMetadata) -> Void
    ) async throws -> LongRunningOperation {
        var metadata = OperationMetadata()
        metadata.createTime = Timestamp(clock.now())
        metadata.updateTime = metadata.createTime
        details(&metadata)
        let stored = try await store.createOperation(
            in: parent, prefix: prefix, kind: metadata.kind ?? "unknown",
            worksOn: worksOn, job: job, metadata: metadata)
        runner.start(stored)
        return stored.operation
    }

    /// Records an operation that finished within its request (CreateDataset, a no-op deploy).
    func finishedOperation(
        in parent: Parent, prefix: String, worksOn: String, response: some ProtoMessage,
        details: (inout OperationMetadata) -> Void
    ) async throws -> LongRunningOperation {
        var metadata = OperationMetadata()
        metadata.createTime = Timestamp(clock.now())
        metadata.updateTime = metadata.createTime
        details(&metadata)
        let stored = try await store.createOperation(
            in: parent, prefix: prefix, kind: metadata.kind ?? "unknown",
            worksOn: worksOn, job: .none, metadata: metadata)
        let answer = ProtoAny(response)
        return try await runner.finish(stored.id) { operation, _ in operation.response = answer } ?? stored.operation
    }

    /// The work of one operation, run by the runner.
    func runJob(_ operation: StoredOperation) async throws -> OperationOutcome {
        switch operation.job {
        case .none:
            return .response(Empty())
        case .importData(let datasetID, let uris):
            return try await runImport(operation, datasetID: datasetID, uris: uris)
        case .exportData(let datasetID, let prefix):
            return try await runExport(operation, datasetID: datasetID, outputPrefix: prefix)
        case .train(let state):
            return try await runTraining(operation, state: state)
        case .deploy(let modelID, let nodeCount):
            return try await runDeployment(operation, modelID: modelID, nodeCount: nodeCount)
        case .undeploy(let modelID):
            return try await runDeployment(operation, modelID: modelID, nodeCount: 0)
        case .deleteDataset(let datasetID):
            _ = try await store.deleteDataset(datasetID)
            return .response(Empty())
        case .exportModel(let modelID, let directory):
            return try await runModelExport(operation, modelID: modelID, outputDirectory: directory)
        case .batchPredict(let modelID, let uris, let directory, let params):
            return try await runBatchPrediction(
                operation, modelID: modelID, inputURIs: uris, outputDirectory: directory,
                params: params)
        case .vertexImport(let datasetID, let configs):
            return try await VertexService(base: self).runImport(operation, datasetID: datasetID, configs: configs)
        case .vertexExportData(let datasetID, let directory, let fractions):
            return try await VertexService(base: self).runExportData(
                operation, datasetID: datasetID, directory: directory, fractions: fractions)
        case .vertexExportModel(let modelID, let directory):
            return try await VertexService(base: self).runExportModel(operation, modelID: modelID, directory: directory)
        case .vertexDeploy(let endpointID, let deployedModelJSON, let trafficSplit):
            return try await VertexService(base: self).runDeploy(
                operation, endpointID: endpointID, deployedModelJSON: deployedModelJSON, requestedSplit: trafficSplit)
        case .deleteModel(let modelID):
            let artifact = try await store.model(modelID, in: operation.parent)?.artifactPath
            _ = try await store.deleteModel(modelID)
            await serving.discard(modelID)
            if let artifact { try? FileManager.default.removeItem(atPath: artifact) }
            return .response(Empty())
        }
    }

    /// Records progress of a running operation, and the job to resume it from after a restart when it changed: one
    /// store write.
    func reportProgress(_ id: String, percent: Int32, job: OperationJob? = nil) async throws {
        try await store.updateOperation(id, now: clock.now(), job: job) { _, metadata in
            metadata.progressPercent = max(metadata.progressPercent, min(99, percent))
        }
    }
}
