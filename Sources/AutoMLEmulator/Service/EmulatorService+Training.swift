import AutoMLWire
import AutoMLWorkerProtocol
import Foundation
import Synchronization

extension EmulatorService {
    /// How often a training's log is written while it runs.
    static let trainingLogInterval = Duration.milliseconds(500)

    /// The work of CreateModel: the trainer spends the budget (or stops early), then the model and its
    /// evaluations are created in the transaction that ends the operation.
    func runTraining(_ operation: StoredOperation, state: TrainingJobState) async throws -> OperationOutcome {
        if let pipelineID = state.vertexPipelineID {
            return try await VertexService(base: self).runPipeline(operation, state: state, pipelineID: pipelineID)
        }
        let parent = operation.parent
        guard let dataset = try await store.dataset(state.datasetID, in: parent) else {
            return .failure(
                Status(
                    code: .failedPrecondition,
                    message: "dataset \(state.datasetID) was deleted before training finished."))
        }
        let requested = try Model.fromStored(state.modelJSON)
        var baseArtifact: String?
        if let baseID = state.baseModelID {
            baseArtifact = try await store.model(baseID, in: parent)?.artifactPath
        }
        let examples = try await store.examples(ofDataset: dataset.id).map { example in
            TrainingExample(
                uri: example.uri, filePath: example.filePath, mlUse: example.mlUse, labels: example.labels,
                boxes: example.boxes.map { ($0.label, $0.box.xMin, $0.box.yMin, $0.box.xMax, $0.box.yMax) })
        }
        let modelType =
            requested.imageClassificationModelMetadata?.modelType
            ?? requested.imageObjectDetectionModelMetadata?.modelType ?? ""
        let outcome = try await train(
            operation, state: state, examples: examples,
            multiLabel: dataset.dataset.imageClassificationDatasetMetadata?.classificationType == .multilabel,
            modelType: modelType, baseArtifact: baseArtifact)
        let store = store
        let operationID = operation.id
        var model = requested
        let now = clock.now()
        model.createTime = Timestamp(now)
        model.updateTime = Timestamp(now)
        model.deploymentState = .undeployed
        model.etag = UUID().uuidString
        let cost = min(outcome.costMilliNodeHours, state.budgetMilliNodeHours)
        model.imageClassificationModelMetadata?.trainCostMilliNodeHours = cost
        model.imageClassificationModelMetadata?.stopReason = outcome.stopReason
        model.imageObjectDetectionModelMetadata?.trainCostMilliNodeHours = cost
        model.imageObjectDetectionModelMetadata?.stopReason = outcome.stopReason
        let finished = model
        // Shielded from cancellation: once training has produced a model, it is recorded whole or not at all.
        _ = try await Task { [store] in
            try await store.completeTraining(
                operationID: operationID, model: finished, parent: parent,
                modelID: state.modelID, domain: state.domain, labelSet: state.labelSet,
                artifactPath: outcome.artifactPath, evaluations: outcome.evaluations,
                now: now)
        }.value
        // completeTraining marked the operation done (or found it done, when a cancel won the race).
        return .recorded(finished)
    }

    /// Runs the trainer for a training operation of either API: its examples (with the split they are used in),
    /// progress persisted in the job so a restart continues, and the injected training failure.
    func train(
        _ operation: StoredOperation, state: TrainingJobState, examples: [TrainingExample], multiLabel: Bool,
        modelType: String, baseArtifact: String?
    ) async throws -> TrainingOutcome {
        let specIDs = try await specIDsByName(ofDataset: state.datasetID)
        let request = TrainingRequest(
            modelID: state.modelID, isDetection: state.domain == .detection, multiLabel: multiLabel,
            modelType: modelType, labels: state.labelSet, annotationSpecIDs: state.labelSet.map { specIDs[$0] ?? "" },
            examples: examples,
            budgetMilliNodeHours: state.budgetMilliNodeHours, spentMilliNodeHours: state.spentMilliNodeHours,
            nodeHour: configuration.nodeHour, earlyStopping: state.earlyStopping, baseArtifactPath: baseArtifact,
            artifactDirectory: configuration.dataDirectory.appendingPathComponent("models/\(state.modelID)"))
        if trainingShouldFail() {
            throw TrainingFailure("training failed (injected by the local backend's --faults train-fail)")
        }
        let operationID = operation.id
        // A restarted training goes on with the log it had.
        let log = Mutex(
            (
                log: try await store.trainingLog(ofOperation: operationID)
                    ?? TrainingLog(
                        budgetMilliNodeHours: state.budgetMilliNodeHours, spentMilliNodeHours: state.spentMilliNodeHours
                    ),
                saved: ContinuousClock.now - Self.trainingLogInterval
            ))
        let outcome = try await trainer.train(request, clock: clock) { [self] progress in
            var saved = state
            saved.spentMilliNodeHours = progress.spentMilliNodeHours
            try await reportProgress(operationID, percent: progress.percent, job: .train(saved))
            if let epoch = progress.epoch {
                // Small images train many epochs a second: the log is written at most every half second (and when
                // the search moves to another candidate), which is as often as anyone reads it.
                let due = log.withLock { entry -> TrainingLog? in
                    let moved = entry.log.current?.name != epoch.candidate
                    entry.log.record(
                        candidate: epoch.candidate, chosen: epoch.chosen, epoch: epoch.epoch,
                        validationScore: epoch.validationScore, bestValidationScore: epoch.bestValidationScore,
                        learningRate: epoch.learningRate, metric: epoch.metric,
                        spentMilliNodeHours: progress.spentMilliNodeHours)
                    guard moved || ContinuousClock.now - entry.saved >= Self.trainingLogInterval else { return nil }
                    entry.saved = .now
                    return entry.log
                }
                if let due { try await store.saveTrainingLog(due, ofOperation: operationID) }
            }
        }
        let finished = log.withLock {
            $0.log.stopReason = outcome.stopReason
            $0.log.spentMilliNodeHours = max($0.log.spentMilliNodeHours, outcome.costMilliNodeHours)
            return $0.log
        }
        try await store.saveTrainingLog(finished, ofOperation: operationID)
        return outcome
    }
}
