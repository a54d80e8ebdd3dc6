/// `google.cloud.aiplatform.v1.ModelEvaluation`: one per model; ``metrics`` is a JSON object of the schema
/// ``metricsSchemaUri`` names (``VertexSchema/Metrics``). Per-label figures are its slices.
public struct VertexModelEvaluation: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.ModelEvaluation"
    public var name = ""
    public var displayName = ""
    public var metricsSchemaUri = ""
    public var metrics = JSONValue.null
    public var createTime: Timestamp?
    /// `["annotationSpec"]` for AutoML image models.
    public var sliceDimensions: [String] = []
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("name", \.name),
        .field("displayName", \.displayName),
        .field("metricsSchemaUri", \.metricsSchemaUri),
        .field("metrics", \.metrics),
        .field("createTime", \.createTime),
        .field("sliceDimensions", \.sliceDimensions),
    ]
}

/// `google.cloud.aiplatform.v1.ModelEvaluationSlice`: the metrics of one label (`slice.value` is its display name).
public struct VertexModelEvaluationSlice: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.ModelEvaluationSlice"
    public var name = ""
    public var slice: Slice?
    public var metricsSchemaUri = ""
    public var metrics = JSONValue.null
    public var createTime: Timestamp?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("name", \.name),
        .field("slice", \.slice),
        .field("metricsSchemaUri", \.metricsSchemaUri),
        .field("metrics", \.metrics),
        .field("createTime", \.createTime),
    ]

    /// `ModelEvaluationSlice.Slice`: the dimension (`annotationSpec`) and its value.
    public struct Slice: ProtoMessage {
        public static let protoMessageName = "google.cloud.aiplatform.v1.ModelEvaluationSlice.Slice"
        public var dimension = ""
        public var value = ""
        public var unknownFields: JSONObject = [:]
        public init() {}
        public static let protoFields: [ProtoField<Self>] = [
            .field("dimension", \.dimension),
            .field("value", \.value),
        ]
    }
}

/// `ListModelEvaluationsResponse`.
public struct VertexListModelEvaluationsResponse: ProtoMessage, PagedResponse {
    public static let protoMessageName = "google.cloud.aiplatform.v1.ListModelEvaluationsResponse"
    public var modelEvaluations: [VertexModelEvaluation] = []
    public var nextPageToken = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("modelEvaluations", \.modelEvaluations),
        .field("nextPageToken", \.nextPageToken),
    ]
    public var pageItems: [VertexModelEvaluation] { modelEvaluations }
}

/// `ListModelEvaluationSlicesResponse`.
public struct VertexListModelEvaluationSlicesResponse: ProtoMessage, PagedResponse {
    public static let protoMessageName = "google.cloud.aiplatform.v1.ListModelEvaluationSlicesResponse"
    public var modelEvaluationSlices: [VertexModelEvaluationSlice] = []
    public var nextPageToken = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("modelEvaluationSlices", \.modelEvaluationSlices),
        .field("nextPageToken", \.nextPageToken),
    ]
    public var pageItems: [VertexModelEvaluationSlice] { modelEvaluationSlices }
}
