/// `google.cloud.automl.v1.Model`: a trained model.
public struct Model: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.Model"
    /// Output only. `projects/{p}/locations/{l}/models/{id}`.
    public var name = ""
    /// Required. At most 32 ASCII letters, digits and underscores, starting with a letter.
    public var displayName = ""
    /// Required. The ID (not the full name) of the dataset the model is trained on.
    public var datasetId = ""
    /// Output only. When training finished and the model became usable.
    public var createTime: Timestamp?
    /// Output only.
    public var updateTime: Timestamp?
    /// Output only.
    public var deploymentState = DeploymentState.unspecified
    public var etag = ""
    public var labels: [String: String] = [:]
    public var imageClassificationModelMetadata: ImageClassificationModelMetadata?
    public var imageObjectDetectionModelMetadata: ImageObjectDetectionModelMetadata?
    public var unknownFields: JSONObject = [:]

    public init() {}

    public static let protoFields: [ProtoField<Model>] = [
        .field("name", \.name),
        .field("displayName", \.displayName),
        .field("datasetId", \.datasetId),
        .field("createTime", \.createTime),
        .field("deploymentState", \.deploymentState),
        .field("etag", \.etag),
        .field("updateTime", \.updateTime),
        .field("imageClassificationModelMetadata", \.imageClassificationModelMetadata),
        .field("imageObjectDetectionModelMetadata", \.imageObjectDetectionModelMetadata),
        .field("labels", \.labels),
    ]

    /// The parsed ``name``, or nil when the server sent none or a malformed one.
    public var modelName: ModelName? { ModelName(name) }
}

/// `google.cloud.automl.v1.ImageClassificationModelMetadata`.
public struct ImageClassificationModelMetadata: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.ImageClassificationModelMetadata"
    /// The ID of a model to continue training from (resumable training): same project, location and model type.
    public var baseModelId = ""
    /// 1,000 milli node hours are one node hour. `cloud`: 8,000–800,000; `mobile-*`: 1,000–100,000.
    public var trainBudgetMilliNodeHours: Int64 = 0
    /// Output only. What training actually cost; never more than the budget.
    public var trainCostMilliNodeHours: Int64 = 0
    /// Output only. Such as `BUDGET_REACHED` or `MODEL_CONVERGED` (a free string, not an enum).
    public var stopReason = ""
    /// `cloud` (the default), `mobile-low-latency-1`, `mobile-versatile-1`, `mobile-high-accuracy-1`,
    /// `mobile-core-ml-low-latency-1`, `mobile-core-ml-versatile-1`, `mobile-core-ml-high-accuracy-1`.
    public var modelType = ""
    /// Output only. Approximate online-prediction QPS per deployed node.
    public var nodeQps: Double = 0
    /// Output only. Nodes the model is deployed on.
    public var nodeCount: Int64 = 0
    public var unknownFields: JSONObject = [:]
    public init() {}

    public static let protoFields: [ProtoField<Self>] = [
        .field("baseModelId", \.baseModelId),
        .field("stopReason", \.stopReason),
        .field("modelType", \.modelType),
        .field("nodeQps", \.nodeQps),
        .field("nodeCount", \.nodeCount),
        .field("trainBudgetMilliNodeHours", \.trainBudgetMilliNodeHours),
        .field("trainCostMilliNodeHours", \.trainCostMilliNodeHours),
    ]
}

/// `google.cloud.automl.v1.ImageObjectDetectionModelMetadata`. v1 has no `baseModelId` here: resumable
/// training exists only for image classification.
public struct ImageObjectDetectionModelMetadata: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.ImageObjectDetectionModelMetadata"
    /// `cloud-high-accuracy-1` (the default), `cloud-low-latency-1`, `mobile-low-latency-1`,
    /// `mobile-versatile-1`, `mobile-high-accuracy-1`.
    public var modelType = ""
    /// Output only.
    public var nodeCount: Int64 = 0
    /// Output only.
    public var nodeQps: Double = 0
    /// Output only.
    public var stopReason = ""
    /// `cloud-*`: 20,000–900,000; `mobile-*`: 1,000–100,000.
    public var trainBudgetMilliNodeHours: Int64 = 0
    /// Output only.
    public var trainCostMilliNodeHours: Int64 = 0
    public var unknownFields: JSONObject = [:]
    public init() {}

    public static let protoFields: [ProtoField<Self>] = [
        .field("modelType", \.modelType),
        .field("nodeCount", \.nodeCount),
        .field("nodeQps", \.nodeQps),
        .field("stopReason", \.stopReason),
        .field("trainBudgetMilliNodeHours", \.trainBudgetMilliNodeHours),
        .field("trainCostMilliNodeHours", \.trainCostMilliNodeHours),
    ]
}

/// `ImageClassificationModelDeploymentMetadata` and `ImageObjectDetectionModelDeploymentMetadata`: both
/// carry only the node count (1–100).
public struct ModelDeploymentMetadata: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.ImageClassificationModelDeploymentMetadata"
    public var nodeCount: Int64 = 0
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(nodeCount: Int64) { self.nodeCount = nodeCount }
    public static let protoFields: [ProtoField<Self>] = [.field("nodeCount", \.nodeCount)]
}
