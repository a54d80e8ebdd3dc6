/// A page of a List call: its items and the token of the next page (empty on the last).
public protocol PagedResponse: ProtoMessage {
    associatedtype Item: Sendable
    var pageItems: [Item] { get }
    var nextPageToken: String { get }
}

/// `ListDatasetsResponse`: the list key is `datasets`.
public struct ListDatasetsResponse: ProtoMessage, PagedResponse {
    public static let protoMessageName = "google.cloud.automl.v1.ListDatasetsResponse"
    public var datasets: [Dataset] = []
    public var nextPageToken = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("datasets", \.datasets),
        .field("nextPageToken", \.nextPageToken),
    ]
    public var pageItems: [Dataset] { datasets }
}

/// `ListModelsResponse`: the list key is the singular `model`.
public struct ListModelsResponse: ProtoMessage, PagedResponse {
    public static let protoMessageName = "google.cloud.automl.v1.ListModelsResponse"
    public var model: [Model] = []
    public var nextPageToken = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("model", \.model),
        .field("nextPageToken", \.nextPageToken),
    ]
    public var pageItems: [Model] { model }
}

/// `ListModelEvaluationsResponse`: the list key is the singular `modelEvaluation`.
public struct ListModelEvaluationsResponse: ProtoMessage, PagedResponse {
    public static let protoMessageName = "google.cloud.automl.v1.ListModelEvaluationsResponse"
    public var modelEvaluation: [ModelEvaluation] = []
    public var nextPageToken = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("modelEvaluation", \.modelEvaluation),
        .field("nextPageToken", \.nextPageToken),
    ]
    public var pageItems: [ModelEvaluation] { modelEvaluation }
}
