public import AutoMLWire
public import Foundation

/// Trains a model for a CreateModel operation. The local backend calls it in the operation's task;
/// cancelling the task cancels training, and no model is created.
public protocol Trainer: Sendable {
    func train(_ job: TrainingRequest, clock: any EmulatorClock,
               report: @escaping @Sendable (TrainingProgress) async throws -> Void) async throws -> TrainingOutcome
}

/// One labelled image as the trainer gets it.
public struct TrainingExample: Sendable {
    /// The image file.
    public var filePath: String
    /// `TRAIN`, `VALIDATION` or `TEST`.
    public var mlUse: String
    /// Classification labels.
    public var labels: [String]
    /// Detection boxes: label and (xMin, yMin, xMax, yMax), relative to the image.
    public var boxes: [(label: String, xMin: Double, yMin: Double, xMax: Double, yMax: Double)]
}

/// What to train.
public struct TrainingRequest: Sendable {
    public var modelID: String
    public var isDetection: Bool
    public var multiLabel: Bool
    public var modelType: String
    /// Every label of the dataset, sorted; indices into it are class numbers.
    public var labels: [String]
    /// The annotation spec ID of each label, in the order of `labels` (evaluations name them).
    public var annotationSpecIDs: [String]
    public var examples: [TrainingExample]
    public var budgetMilliNodeHours: Int64
    /// Budget already spent before a restart; training continues from there.
    public var spentMilliNodeHours: Int64
    /// Clock time of one node hour on this backend.
    public var nodeHour: Duration
    /// Whether training may stop before the budget when it stops improving.
    public var earlyStopping: Bool
    /// The base model's weights, for resumable training.
    public var baseArtifactPath: String?
    /// A folder the trainer may write the model's files to.
    public var artifactDirectory: URL
}

/// How far training has come.
public struct TrainingProgress: Sendable, Equatable {
    public var spentMilliNodeHours: Int64
    public var percent: Int32

    public init(spentMilliNodeHours: Int64, percent: Int32) {
        self.spentMilliNodeHours = spentMilliNodeHours
        self.percent = percent
    }
}

/// What training produced.
public struct TrainingOutcome: Sendable {
    /// `BUDGET_REACHED` or `MODEL_CONVERGED`.
    public var stopReason: String
    /// Never more than the budget.
    public var costMilliNodeHours: Int64
    /// The overall evaluation and one per label; empty when the trainer evaluates nothing.
    public var evaluations: [ModelEvaluation]
    /// The trained weights, when there are any; a model without them has no predictor.
    public var artifactPath: String?

    public init(stopReason: String, costMilliNodeHours: Int64, evaluations: [ModelEvaluation] = [],
                artifactPath: String? = nil) {
        self.stopReason = stopReason
        self.costMilliNodeHours = costMilliNodeHours
        self.evaluations = evaluations
        self.artifactPath = artifactPath
    }

    public static let budgetReached = "BUDGET_REACHED"
    public static let modelConverged = "MODEL_CONVERGED"
}

/// Training that failed (the operation ends with INTERNAL and this message).
public struct TrainingFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
