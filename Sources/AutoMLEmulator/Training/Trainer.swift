package import AutoMLWire
package import AutoMLWorkerProtocol
package import Foundation

/// Trains a model for a CreateModel operation. The local backend calls it in the operation's task;
/// cancelling the task cancels training, and no model is created.
package protocol Trainer: Sendable {
    func train(
        _ job: TrainingRequest, clock: any EmulatorClock,
        report: @escaping @Sendable (TrainingProgress) async throws -> Void
    ) async throws -> TrainingOutcome
}

/// One labelled image as the trainer gets it.
package struct TrainingExample: Sendable {
    /// The image as the dataset names it (`gs://…`, or the path it was imported from).
    package var uri: String
    /// The image file.
    package var filePath: String
    /// `TRAIN`, `VALIDATION` or `TEST`.
    package var mlUse: String
    /// Classification labels.
    package var labels: [String]
    /// Detection boxes: label and (xMin, yMin, xMax, yMax), relative to the image.
    package var boxes: [(label: String, xMin: Double, yMin: Double, xMax: Double, yMax: Double)]
}

/// What to train.
package struct TrainingRequest: Sendable {
    package var modelID: String
    package var isDetection: Bool
    package var multiLabel: Bool
    package var modelType: String
    /// Every label of the dataset, sorted; indices into it are class numbers.
    package var labels: [String]
    /// The annotation spec ID of each label, in the order of `labels` (evaluations name them).
    package var annotationSpecIDs: [String]
    package var examples: [TrainingExample]
    package var budgetMilliNodeHours: Int64
    /// Budget already spent before a restart; training continues from there.
    package var spentMilliNodeHours: Int64
    /// Clock time of one node hour on this backend.
    package var nodeHour: Duration
    /// Whether training may stop before the budget when it stops improving.
    package var earlyStopping: Bool
    /// The base model's weights, for resumable training.
    package var baseArtifactPath: String?
    /// A folder the trainer may write the model's files to.
    package var artifactDirectory: URL
}

/// How far training has come.
package struct TrainingProgress: Sendable, Equatable {
    package var spentMilliNodeHours: Int64
    package var percent: Int32
    /// The epoch the trainer just finished, for the training log; nil when the progress follows none.
    package var epoch: TrainerEpoch?

    package init(spentMilliNodeHours: Int64, percent: Int32, epoch: TrainerEpoch? = nil) {
        self.spentMilliNodeHours = spentMilliNodeHours
        self.percent = percent
        self.epoch = epoch
    }
}

/// What training produced.
package struct TrainingOutcome: Sendable {
    /// `BUDGET_REACHED` or `MODEL_CONVERGED`.
    package var stopReason: String
    /// Never more than the budget.
    package var costMilliNodeHours: Int64
    /// The overall evaluation and one per label; empty when the trainer evaluates nothing.
    package var evaluations: [ModelEvaluation]
    /// The trained weights, when there are any; a model without them has no predictor.
    package var artifactPath: String?

    package init(
        stopReason: String, costMilliNodeHours: Int64, evaluations: [ModelEvaluation] = [],
        artifactPath: String? = nil
    ) {
        self.stopReason = stopReason
        self.costMilliNodeHours = costMilliNodeHours
        self.evaluations = evaluations
        self.artifactPath = artifactPath
    }

    package static let budgetReached = "BUDGET_REACHED"
    package static let modelConverged = "MODEL_CONVERGED"
}

/// Training that failed (the operation ends with INTERNAL and this message).
package struct TrainingFailure: Error, Sendable, CustomStringConvertible {
    package var message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}
