/// `google.cloud.aiplatform.v1.TrainingPipeline`: an AutoML image training run. Creating one returns the pipeline
/// itself (not an operation); its ``state`` moves QUEUED/PENDING → RUNNING → SUCCEEDED, FAILED or CANCELLED, and
/// ``modelToUpload`` gets the trained model's name when it succeeds.
public struct VertexTrainingPipeline: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.TrainingPipeline"
    public var name = ""
    public var displayName = ""
    public var inputDataConfig: VertexInputDataConfig?
    /// One of ``VertexSchema/Training``.
    public var trainingTaskDefinition = ""
    /// `modelType`, `budgetMilliNodeHours`, `disableEarlyStopping`, `multiLabel`, `baseModelId`,
    /// `uptrainBaseModelId` (``VertexImageTrainingInputs`` reads and writes them).
    public var trainingTaskInputs = JSONValue.null
    /// Output: `costMilliNodeHours` and `successfulStopReason`.
    public var trainingTaskMetadata = JSONValue.null
    public var modelToUpload: VertexModel?
    public var modelId = ""
    public var parentModel = ""
    public var state = VertexPipelineState.unspecified
    /// Set when FAILED or CANCELLED (code 1).
    public var error: Status?
    public var createTime: Timestamp?
    public var startTime: Timestamp?
    public var endTime: Timestamp?
    public var updateTime: Timestamp?
    public var labels: [String: String] = [:]
    public var unknownFields: JSONObject = [:]
    public init() {}

    public static let protoFields: [ProtoField<Self>] = [
        .field("name", \.name),
        .field("displayName", \.displayName),
        .field("inputDataConfig", \.inputDataConfig),
        .field("trainingTaskDefinition", \.trainingTaskDefinition),
        .field("trainingTaskInputs", \.trainingTaskInputs),
        .field("trainingTaskMetadata", \.trainingTaskMetadata),
        .field("modelToUpload", \.modelToUpload),
        .field("modelId", \.modelId),
        .field("parentModel", \.parentModel),
        .field("state", \.state),
        .field("error", \.error),
        .field("createTime", \.createTime),
        .field("startTime", \.startTime),
        .field("endTime", \.endTime),
        .field("updateTime", \.updateTime),
        .field("labels", \.labels),
    ]

    public var pipelineName: VertexTrainingPipelineName? { VertexTrainingPipelineName(name) }
}

/// `google.cloud.aiplatform.v1.InputDataConfig`: the dataset (a bare ID in the pipeline's project and location) and
/// how its items are split.
public struct VertexInputDataConfig: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.InputDataConfig"
    public var datasetId = ""
    public var fractionSplit: VertexFractionSplit?
    public var filterSplit: VertexFilterSplit?
    public var annotationsFilter = ""
    public var annotationSchemaUri = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("datasetId", \.datasetId),
        .field("fractionSplit", \.fractionSplit),
        .field("filterSplit", \.filterSplit),
        .field("annotationsFilter", \.annotationsFilter),
        .field("annotationSchemaUri", \.annotationSchemaUri),
    ]
}

/// `google.cloud.aiplatform.v1.FilterSplit`: items by filter (such as the imported ML use labels).
public struct VertexFilterSplit: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.FilterSplit"
    public var trainingFilter = ""
    public var validationFilter = ""
    public var testFilter = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("trainingFilter", \.trainingFilter),
        .field("validationFilter", \.validationFilter),
        .field("testFilter", \.testFilter),
    ]

    /// The split by the `aiplatform.googleapis.com/ml_use` labels of the import.
    public static let byImportedMLUse: VertexFilterSplit = {
        var split = VertexFilterSplit()
        split.trainingFilter = "labels.aiplatform.googleapis.com/ml_use=training"
        split.validationFilter = "labels.aiplatform.googleapis.com/ml_use=validation"
        split.testFilter = "labels.aiplatform.googleapis.com/ml_use=test"
        return split
    }()
}

/// `google.cloud.aiplatform.v1.PipelineState`.
public struct VertexPipelineState: ProtoEnum {
    public static let protoValueNames = [
        "PIPELINE_STATE_UNSPECIFIED", "PIPELINE_STATE_QUEUED", "PIPELINE_STATE_PENDING", "PIPELINE_STATE_RUNNING",
        "PIPELINE_STATE_SUCCEEDED", "PIPELINE_STATE_FAILED", "PIPELINE_STATE_CANCELLING", "PIPELINE_STATE_CANCELLED",
        "PIPELINE_STATE_PAUSED",
    ]
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let unspecified = Self(rawValue: "PIPELINE_STATE_UNSPECIFIED")
    public static let queued = Self(rawValue: "PIPELINE_STATE_QUEUED")
    public static let pending = Self(rawValue: "PIPELINE_STATE_PENDING")
    public static let running = Self(rawValue: "PIPELINE_STATE_RUNNING")
    public static let succeeded = Self(rawValue: "PIPELINE_STATE_SUCCEEDED")
    public static let failed = Self(rawValue: "PIPELINE_STATE_FAILED")
    public static let cancelling = Self(rawValue: "PIPELINE_STATE_CANCELLING")
    public static let cancelled = Self(rawValue: "PIPELINE_STATE_CANCELLED")
    public static let paused = Self(rawValue: "PIPELINE_STATE_PAUSED")

    /// Whether the pipeline has ended (SUCCEEDED, FAILED or CANCELLED).
    public var isTerminal: Bool { [Self.succeeded, .failed, .cancelled].contains(self) }
}

/// `ListTrainingPipelinesResponse`.
public struct VertexListTrainingPipelinesResponse: ProtoMessage, PagedResponse {
    public static let protoMessageName = "google.cloud.aiplatform.v1.ListTrainingPipelinesResponse"
    public var trainingPipelines: [VertexTrainingPipeline] = []
    public var nextPageToken = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("trainingPipelines", \.trainingPipelines),
        .field("nextPageToken", \.nextPageToken),
    ]
    public var pageItems: [VertexTrainingPipeline] { trainingPipelines }
}
