/// `google.cloud.automl.v1.ModelEvaluation`: metrics of a model on its TEST split, overall (no
/// ``annotationSpecId``) or for one label.
public struct ModelEvaluation: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.ModelEvaluation"
    /// Output only. `…/models/{m}/modelEvaluations/{id}`.
    public var name = ""
    /// Output only. Empty for the overall evaluation; the label's spec ID for a per-label one.
    public var annotationSpecId = ""
    /// Output only. The label's name at training time; empty for the overall evaluation.
    public var displayName = ""
    /// Output only.
    public var createTime: Timestamp?
    /// Output only. Examples evaluated (for a label: those whose ground truth has it).
    public var evaluatedExampleCount: Int32 = 0
    public var classificationEvaluationMetrics: ClassificationEvaluationMetrics?
    public var imageObjectDetectionEvaluationMetrics: ImageObjectDetectionEvaluationMetrics?
    public var unknownFields: JSONObject = [:]
    public init() {}

    public static let protoFields: [ProtoField<ModelEvaluation>] = [
        .field("name", \.name),
        .field("annotationSpecId", \.annotationSpecId),
        .field("createTime", \.createTime),
        .field("evaluatedExampleCount", \.evaluatedExampleCount),
        .field("classificationEvaluationMetrics", \.classificationEvaluationMetrics),
        .field("imageObjectDetectionEvaluationMetrics", \.imageObjectDetectionEvaluationMetrics),
        .field("displayName", \.displayName),
    ]
}

/// `google.cloud.automl.v1.ClassificationEvaluationMetrics`.
public struct ClassificationEvaluationMetrics: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.ClassificationEvaluationMetrics"
    /// Area under the precision-recall curve (micro-averaged overall).
    public var auPrc: Float = 0
    /// Area under the ROC curve.
    public var auRoc: Float = 0
    public var logLoss: Float = 0
    /// One entry per confidence threshold (singular JSON name for a list, as in the proto).
    public var confidenceMetricsEntry: [ConfidenceMetricsEntry] = []
    public var confusionMatrix: ConfusionMatrix?
    /// The annotation specs used in this evaluation.
    public var annotationSpecId: [String] = []
    public var unknownFields: JSONObject = [:]
    public init() {}

    public static let protoFields: [ProtoField<Self>] = [
        .field("auPrc", \.auPrc),
        .field("confidenceMetricsEntry", \.confidenceMetricsEntry),
        .field("confusionMatrix", \.confusionMatrix),
        .field("annotationSpecId", \.annotationSpecId),
        .field("auRoc", \.auRoc),
        .field("logLoss", \.logLoss),
    ]

    /// `ClassificationEvaluationMetrics.ConfidenceMetricsEntry`: the metrics if predictions scoring below
    /// ``confidenceThreshold`` were dropped and at most ``positionThreshold`` were kept per example.
    public struct ConfidenceMetricsEntry: ProtoMessage {
        public static let protoMessageName =
            "google.cloud.automl.v1.ClassificationEvaluationMetrics.ConfidenceMetricsEntry"
        public var confidenceThreshold: Float = 0
        public var positionThreshold: Int32 = 0
        public var recall: Float = 0
        public var precision: Float = 0
        public var falsePositiveRate: Float = 0
        public var f1Score: Float = 0
        public var recallAt1: Float = 0
        public var precisionAt1: Float = 0
        public var falsePositiveRateAt1: Float = 0
        public var f1ScoreAt1: Float = 0
        public var truePositiveCount: Int64 = 0
        public var falsePositiveCount: Int64 = 0
        public var falseNegativeCount: Int64 = 0
        public var trueNegativeCount: Int64 = 0
        public var unknownFields: JSONObject = [:]
        public init() {}

        public static let protoFields: [ProtoField<Self>] = [
            .field("confidenceThreshold", \.confidenceThreshold),
            .field("recall", \.recall),
            .field("precision", \.precision),
            .field("f1Score", \.f1Score),
            .field("recallAt1", \.recallAt1),
            .field("precisionAt1", \.precisionAt1),
            .field("f1ScoreAt1", \.f1ScoreAt1),
            .field("falsePositiveRate", \.falsePositiveRate),
            .field("falsePositiveRateAt1", \.falsePositiveRateAt1),
            .field("truePositiveCount", \.truePositiveCount),
            .field("falsePositiveCount", \.falsePositiveCount),
            .field("falseNegativeCount", \.falseNegativeCount),
            .field("trueNegativeCount", \.trueNegativeCount),
            .field("positionThreshold", \.positionThreshold),
        ]
    }

    /// `ClassificationEvaluationMetrics.ConfusionMatrix`: `row[i].exampleCount[j]` examples of
    /// `annotationSpecId[i]` were predicted as `annotationSpecId[j]`.
    public struct ConfusionMatrix: ProtoMessage {
        public static let protoMessageName = "google.cloud.automl.v1.ClassificationEvaluationMetrics.ConfusionMatrix"
        public var annotationSpecId: [String] = []
        public var displayName: [String] = []
        public var row: [Row] = []
        public var unknownFields: JSONObject = [:]
        public init() {}

        public static let protoFields: [ProtoField<Self>] = [
            .field("annotationSpecId", \.annotationSpecId),
            .field("row", \.row),
            .field("displayName", \.displayName),
        ]

        /// One row of the matrix.
        public struct Row: ProtoMessage {
            public static let protoMessageName =
                "google.cloud.automl.v1.ClassificationEvaluationMetrics.ConfusionMatrix.Row"
            public var exampleCount: [Int32] = []
            public var unknownFields: JSONObject = [:]
            public init() {}
            public init(exampleCount: [Int32]) { self.exampleCount = exampleCount }
            public static let protoFields: [ProtoField<Self>] = [.field("exampleCount", \.exampleCount)]
        }
    }
}

/// `google.cloud.automl.v1.ImageObjectDetectionEvaluationMetrics`.
public struct ImageObjectDetectionEvaluationMetrics: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.ImageObjectDetectionEvaluationMetrics"
    /// Ground-truth boxes summed over all test images.
    public var evaluatedBoundingBoxCount: Int32 = 0
    /// One entry per IoU threshold.
    public var boundingBoxMetricsEntries: [BoundingBoxMetricsEntry] = []
    /// The mean of ``BoundingBoxMetricsEntry/meanAveragePrecision`` over the entries.
    public var boundingBoxMeanAveragePrecision: Float = 0
    public var unknownFields: JSONObject = [:]
    public init() {}

    public static let protoFields: [ProtoField<Self>] = [
        .field("evaluatedBoundingBoxCount", \.evaluatedBoundingBoxCount),
        .field("boundingBoxMetricsEntries", \.boundingBoxMetricsEntries),
        .field("boundingBoxMeanAveragePrecision", \.boundingBoxMeanAveragePrecision),
    ]
}

/// `google.cloud.automl.v1.BoundingBoxMetricsEntry`: detection metrics at one IoU threshold.
public struct BoundingBoxMetricsEntry: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.BoundingBoxMetricsEntry"
    public var iouThreshold: Float = 0
    public var meanAveragePrecision: Float = 0
    /// Plural here, unlike the classification metrics.
    public var confidenceMetricsEntries: [ConfidenceMetricsEntry] = []
    public var unknownFields: JSONObject = [:]
    public init() {}

    public static let protoFields: [ProtoField<Self>] = [
        .field("iouThreshold", \.iouThreshold),
        .field("meanAveragePrecision", \.meanAveragePrecision),
        .field("confidenceMetricsEntries", \.confidenceMetricsEntries),
    ]

    /// `BoundingBoxMetricsEntry.ConfidenceMetricsEntry`.
    public struct ConfidenceMetricsEntry: ProtoMessage {
        public static let protoMessageName = "google.cloud.automl.v1.BoundingBoxMetricsEntry.ConfidenceMetricsEntry"
        public var confidenceThreshold: Float = 0
        public var recall: Float = 0
        public var precision: Float = 0
        public var f1Score: Float = 0
        public var unknownFields: JSONObject = [:]
        public init() {}

        public static let protoFields: [ProtoField<Self>] = [
            .field("confidenceThreshold", \.confidenceThreshold),
            .field("recall", \.recall),
            .field("precision", \.precision),
            .field("f1Score", \.f1Score),
        ]
    }
}
