/// `google.cloud.aiplatform.v1.Model`, with the fields an AutoML image model carries. There is no deployment state
/// and no dataset ID: a model is deployed when ``deployedModels`` is not empty, and its dataset is that of its
/// ``trainingPipeline``.
public struct VertexModel: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.Model"
    public var name = ""
    public var versionId = ""
    public var versionAliases: [String] = []
    public var displayName = ""
    public var description = ""
    public var predictSchemata: VertexPredictSchemata?
    public var metadataSchemaUri = ""
    /// For AutoML image models: `modelType`, item counts, `eligibleAsBaseModel`.
    public var metadata = JSONValue.null
    public var supportedExportFormats: [VertexExportFormat] = []
    /// The pipeline that trained it.
    public var trainingPipeline = ""
    public var supportedDeploymentResourcesTypes: [VertexDeploymentResourcesType] = []
    public var supportedInputStorageFormats: [String] = []
    public var supportedOutputStorageFormats: [String] = []
    public var createTime: Timestamp?
    public var updateTime: Timestamp?
    public var versionCreateTime: Timestamp?
    public var versionUpdateTime: Timestamp?
    /// Output only: the endpoints it is deployed to.
    public var deployedModels: [VertexDeployedModelRef] = []
    public var etag = ""
    public var labels: [String: String] = [:]
    public var modelSourceInfo: VertexModelSourceInfo?
    public var unknownFields: JSONObject = [:]
    public init() {}

    public static let protoFields: [ProtoField<Self>] = [
        .field("name", \.name),
        .field("versionId", \.versionId),
        .field("versionAliases", \.versionAliases),
        .field("displayName", \.displayName),
        .field("description", \.description),
        .field("predictSchemata", \.predictSchemata),
        .field("metadataSchemaUri", \.metadataSchemaUri),
        .field("metadata", \.metadata),
        .field("supportedExportFormats", \.supportedExportFormats),
        .field("trainingPipeline", \.trainingPipeline),
        .field("supportedDeploymentResourcesTypes", \.supportedDeploymentResourcesTypes),
        .field("supportedInputStorageFormats", \.supportedInputStorageFormats),
        .field("supportedOutputStorageFormats", \.supportedOutputStorageFormats),
        .field("createTime", \.createTime),
        .field("updateTime", \.updateTime),
        .field("versionCreateTime", \.versionCreateTime),
        .field("versionUpdateTime", \.versionUpdateTime),
        .field("deployedModels", \.deployedModels),
        .field("etag", \.etag),
        .field("labels", \.labels),
        .field("modelSourceInfo", \.modelSourceInfo),
    ]

    public var modelName: VertexModelName? { VertexModelName(name) }
}

/// `google.cloud.aiplatform.v1.PredictSchemata`.
public struct VertexPredictSchemata: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.PredictSchemata"
    public var instanceSchemaUri = ""
    public var parametersSchemaUri = ""
    public var predictionSchemaUri = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("instanceSchemaUri", \.instanceSchemaUri),
        .field("parametersSchemaUri", \.parametersSchemaUri),
        .field("predictionSchemaUri", \.predictionSchemaUri),
    ]
}

/// `google.cloud.aiplatform.v1.Model.ExportFormat`: an export format and what it exports.
public struct VertexExportFormat: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.Model.ExportFormat"
    public var id = ""
    public var exportableContents: [VertexExportableContent] = []
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("id", \.id),
        .field("exportableContents", \.exportableContents),
    ]
}

/// `google.cloud.aiplatform.v1.Model.ExportFormat.ExportableContent`.
public struct VertexExportableContent: ProtoEnum {
    public static let protoValueNames = ["EXPORTABLE_CONTENT_UNSPECIFIED", "ARTIFACT", "IMAGE"]
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let artifact = Self(rawValue: "ARTIFACT")
}

/// `google.cloud.aiplatform.v1.Model.DeploymentResourcesType`.
public struct VertexDeploymentResourcesType: ProtoEnum {
    public static let protoValueNames = [
        "DEPLOYMENT_RESOURCES_TYPE_UNSPECIFIED", "DEDICATED_RESOURCES", "AUTOMATIC_RESOURCES", "SHARED_RESOURCES",
    ]
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let automaticResources = Self(rawValue: "AUTOMATIC_RESOURCES")
}

/// `google.cloud.aiplatform.v1.DeployedModelRef`: where a model is deployed.
public struct VertexDeployedModelRef: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.DeployedModelRef"
    public var endpoint = ""
    public var deployedModelId = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("endpoint", \.endpoint),
        .field("deployedModelId", \.deployedModelId),
    ]
}

/// `google.cloud.aiplatform.v1.ModelSourceInfo`.
public struct VertexModelSourceInfo: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.ModelSourceInfo"
    public var sourceType = VertexModelSourceType.unspecified
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [.field("sourceType", \.sourceType)]
}

/// `google.cloud.aiplatform.v1.ModelSourceInfo.ModelSourceType`.
public struct VertexModelSourceType: ProtoEnum {
    public static let protoValueNames = [
        "MODEL_SOURCE_TYPE_UNSPECIFIED", "AUTOML", "CUSTOM", "BQML", "MODEL_GARDEN", "GENIE", "CUSTOM_TEXT_EMBEDDING",
        "MARKETPLACE",
    ]
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let unspecified = Self(rawValue: "MODEL_SOURCE_TYPE_UNSPECIFIED")
    public static let automl = Self(rawValue: "AUTOML")
}

/// `ListModelsResponse` (the list key is `models`, where AutoML v1 said `model`).
public struct VertexListModelsResponse: ProtoMessage, PagedResponse {
    public static let protoMessageName = "google.cloud.aiplatform.v1.ListModelsResponse"
    public var models: [VertexModel] = []
    public var nextPageToken = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("models", \.models),
        .field("nextPageToken", \.nextPageToken),
    ]
    public var pageItems: [VertexModel] { models }
}

/// The body of ExportModel (`POST …/models/{m}:export`).
public struct VertexExportModelRequest: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.ExportModelRequest"
    public var outputConfig: OutputConfig?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [.field("outputConfig", \.outputConfig)]

    /// `ExportModelRequest.OutputConfig`: the format (`tflite`, `tf-saved-model`, …) and where to write it.
    public struct OutputConfig: ProtoMessage {
        public static let protoMessageName = "google.cloud.aiplatform.v1.ExportModelRequest.OutputConfig"
        public var exportFormatId = ""
        public var artifactDestination: VertexGcsDestination?
        public var unknownFields: JSONObject = [:]
        public init() {}
        public static let protoFields: [ProtoField<Self>] = [
            .field("exportFormatId", \.exportFormatId),
            .field("artifactDestination", \.artifactDestination),
        ]
    }
}

/// `google.cloud.aiplatform.v1.ExportModelResponse` (no fields).
public struct VertexExportModelResponse: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.ExportModelResponse"
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static var protoFields: [ProtoField<Self>] { [] }
}
