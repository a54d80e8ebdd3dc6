/// The body of ImportData (`POST …/datasets/{d}:importData`).
public struct ImportDataRequest: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.ImportDataRequest"
    public var inputConfig: InputConfig?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(inputConfig: InputConfig) { self.inputConfig = inputConfig }
    public static let protoFields: [ProtoField<Self>] = [.field("inputConfig", \.inputConfig)]
}

/// The body of ExportData (`POST …/datasets/{d}:exportData`).
public struct ExportDataRequest: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.ExportDataRequest"
    public var outputConfig: OutputConfig?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(outputConfig: OutputConfig) { self.outputConfig = outputConfig }
    public static let protoFields: [ProtoField<Self>] = [.field("outputConfig", \.outputConfig)]
}

/// The body of ExportModel (`POST …/models/{m}:export`).
public struct ExportModelRequest: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.ExportModelRequest"
    public var outputConfig: ModelExportOutputConfig?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(outputConfig: ModelExportOutputConfig) { self.outputConfig = outputConfig }
    public static let protoFields: [ProtoField<Self>] = [.field("outputConfig", \.outputConfig)]
}

/// The body of DeployModel (`POST …/models/{m}:deploy`): at most one metadata member; `{}` deploys with
/// the service's defaults.
public struct DeployModelRequest: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.DeployModelRequest"
    public var imageObjectDetectionModelDeploymentMetadata: ModelDeploymentMetadata?
    public var imageClassificationModelDeploymentMetadata: ModelDeploymentMetadata?
    public var unknownFields: JSONObject = [:]
    public init() {}

    public static let protoFields: [ProtoField<Self>] = [
        .field("imageObjectDetectionModelDeploymentMetadata", \.imageObjectDetectionModelDeploymentMetadata),
        .field("imageClassificationModelDeploymentMetadata", \.imageClassificationModelDeploymentMetadata),
    ]
}

/// The body of UndeployModel (`POST …/models/{m}:undeploy`): always `{}`.
public struct UndeployModelRequest: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.UndeployModelRequest"
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static var protoFields: [ProtoField<Self>] { [] }
}

/// The body of BatchPredict (`POST …/models/{m}:batchPredict`).
public struct BatchPredictRequest: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.BatchPredictRequest"
    public var inputConfig: BatchPredictInputConfig?
    public var outputConfig: BatchPredictOutputConfig?
    /// Such as `score_threshold` and `max_bounding_box_count`; values are strings.
    public var params: [String: String] = [:]
    public var unknownFields: JSONObject = [:]
    public init() {}

    public static let protoFields: [ProtoField<Self>] = [
        .field("inputConfig", \.inputConfig),
        .field("outputConfig", \.outputConfig),
        .field("params", \.params),
    ]
}

/// The body of WaitOperation (`POST …/operations/{o}:wait`).
public struct WaitOperationRequest: ProtoMessage {
    public static let protoMessageName = "google.longrunning.WaitOperationRequest"
    /// How long the server may hold the request before answering with the operation as it is.
    public var timeout: ProtoDuration?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(timeout: ProtoDuration?) { self.timeout = timeout }
    public static let protoFields: [ProtoField<Self>] = [.field("timeout", \.timeout)]
}
