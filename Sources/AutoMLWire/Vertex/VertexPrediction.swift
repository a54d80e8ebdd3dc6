/// The body of Predict (`POST …/endpoints/{e}:predict`): image instances `{"content": base64, "mimeType": …}` and
/// parameters `{"confidenceThreshold": 0.5, "maxPredictions": 10}` (free JSON; clients send integers as floats).
public struct VertexPredictRequest: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.PredictRequest"
    public var instances: [JSONValue] = []
    public var parameters = JSONValue.null
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("instances", \.instances),
        .field("parameters", \.parameters),
    ]
}

/// `PredictResponse`: one prediction per instance, each with parallel arrays `ids` (strings), `displayNames`,
/// `confidences` and, for detection, `bboxes` (`[xMin, xMax, yMin, yMax]`, relative).
public struct VertexPredictResponse: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.PredictResponse"
    public var predictions: [JSONValue] = []
    public var deployedModelId = ""
    public var model = ""
    public var modelDisplayName = ""
    public var modelVersionId = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("predictions", \.predictions),
        .field("deployedModelId", \.deployedModelId),
        .field("model", \.model),
        .field("modelDisplayName", \.modelDisplayName),
        .field("modelVersionId", \.modelVersionId),
    ]
}
