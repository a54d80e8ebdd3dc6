/// `google.longrunning.Operation`: work that outlives the request that started it.
///
/// While running, ``done`` is false (absent in JSON). When done, exactly one of ``error`` (a
/// `google.rpc.Status` whose code is the numeric rpc code) and ``response`` is set.
public struct LongRunningOperation: ProtoMessage {
    public static let protoMessageName = "google.longrunning.Operation"
    /// `projects/{p}/locations/{l}/operations/{id}`.
    public var name = ""
    /// For AutoML, an ``OperationMetadata``.
    public var metadata: ProtoAny?
    public var done = false
    public var error: Status?
    /// The result: a `Dataset`, a `Model`, a `BatchPredictResult` or `Empty`.
    public var response: ProtoAny?
    public var unknownFields: JSONObject = [:]
    public init() {}

    public static let protoFields: [ProtoField<LongRunningOperation>] = [
        .field("name", \.name),
        .field("metadata", \.metadata),
        .field("done", \.done),
        .field("error", \.error),
        .field("response", \.response),
    ]

    /// The parsed ``name``, or nil when the server sent a malformed one.
    public var operationName: OperationName? { OperationName(name) }

    /// The AutoML metadata, when ``metadata`` holds one that reads cleanly.
    public var automlMetadata: OperationMetadata? {
        try? metadata?.unpack(OperationMetadata.self)
    }
}

/// `google.longrunning.ListOperationsResponse`.
public struct ListOperationsResponse: ProtoMessage, PagedResponse {
    public static let protoMessageName = "google.longrunning.ListOperationsResponse"
    public var operations: [LongRunningOperation] = []
    public var nextPageToken = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("operations", \.operations),
        .field("nextPageToken", \.nextPageToken),
    ]
    public var pageItems: [LongRunningOperation] { operations }
}

/// `google.cloud.automl.v1.OperationMetadata`: what every AutoML operation carries while it runs.
///
/// Exactly one details member is set; its presence names the kind of operation, even when it is empty.
public struct OperationMetadata: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.OperationMetadata"
    public var deleteDetails: OperationDetails?
    public var deployModelDetails: OperationDetails?
    public var undeployModelDetails: OperationDetails?
    public var createModelDetails: OperationDetails?
    public var createDatasetDetails: OperationDetails?
    public var importDataDetails: OperationDetails?
    public var batchPredictDetails: BatchPredictOperationMetadata?
    public var exportDataDetails: ExportDataOperationMetadata?
    public var exportModelDetails: ExportModelOperationMetadata?
    /// 0–100. Documented as "not used currently" by the service; the local backend sets it.
    public var progressPercent: Int32 = 0
    /// Problems that did not fail the whole operation (at most 20), such as bad CSV rows.
    public var partialFailures: [Status] = []
    public var createTime: Timestamp?
    public var updateTime: Timestamp?
    public var unknownFields: JSONObject = [:]
    public init() {}

    public static let protoFields: [ProtoField<Self>] = [
        .field("deleteDetails", \.deleteDetails),
        .field("deployModelDetails", \.deployModelDetails),
        .field("undeployModelDetails", \.undeployModelDetails),
        .field("createModelDetails", \.createModelDetails),
        .field("createDatasetDetails", \.createDatasetDetails),
        .field("importDataDetails", \.importDataDetails),
        .field("batchPredictDetails", \.batchPredictDetails),
        .field("exportDataDetails", \.exportDataDetails),
        .field("exportModelDetails", \.exportModelDetails),
        .field("progressPercent", \.progressPercent),
        .field("partialFailures", \.partialFailures),
        .field("createTime", \.createTime),
        .field("updateTime", \.updateTime),
    ]

    /// The kind of operation, from which details member is set, such as `createModel`; nil when none is.
    public var kind: String? {
        let kinds: [(String, Bool)] = [
            ("delete", deleteDetails != nil), ("deployModel", deployModelDetails != nil),
            ("undeployModel", undeployModelDetails != nil), ("createModel", createModelDetails != nil),
            ("createDataset", createDatasetDetails != nil), ("importData", importDataDetails != nil),
            ("batchPredict", batchPredictDetails != nil), ("exportData", exportDataDetails != nil),
            ("exportModel", exportModelDetails != nil),
        ]
        return kinds.first { $0.1 }?.0
    }
}

/// The details messages without fields (`CreateModelOperationMetadata`, `DeleteOperationMetadata`, …):
/// their JSON is `{}` and only their presence matters.
public struct OperationDetails: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.OperationDetails"
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static var protoFields: [ProtoField<Self>] { [] }
}

/// `google.cloud.automl.v1.BatchPredictOperationMetadata`.
public struct BatchPredictOperationMetadata: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.BatchPredictOperationMetadata"
    /// An echo of the request's input.
    public var inputConfig: BatchPredictInputConfig?
    public var outputInfo: OutputInfo?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("inputConfig", \.inputConfig),
        .field("outputInfo", \.outputInfo),
    ]
}

/// `google.cloud.automl.v1.ExportDataOperationMetadata`.
public struct ExportDataOperationMetadata: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.ExportDataOperationMetadata"
    public var outputInfo: OutputInfo?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [.field("outputInfo", \.outputInfo)]
}

/// `google.cloud.automl.v1.ExportModelOperationMetadata`.
public struct ExportModelOperationMetadata: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.ExportModelOperationMetadata"
    public var outputInfo: OutputInfo?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [.field("outputInfo", \.outputInfo)]
}

/// The `*OutputInfo` messages of export and batch predict: the directory that was written.
public struct OutputInfo: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.OutputInfo"
    public var gcsOutputDirectory = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(gcsOutputDirectory: String) { self.gcsOutputDirectory = gcsOutputDirectory }
    public static let protoFields: [ProtoField<Self>] = [.field("gcsOutputDirectory", \.gcsOutputDirectory)]
}
