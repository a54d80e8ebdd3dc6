/// `google.cloud.aiplatform.v1.Endpoint`: where deployed models answer predictions.
public struct VertexEndpoint: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.Endpoint"
    public var name = ""
    public var displayName = ""
    public var description = ""
    /// Output only.
    public var deployedModels: [VertexDeployedModel] = []
    /// DeployedModel ID → percent of traffic; totals 100, or empty.
    public var trafficSplit: [String: Int32] = [:]
    public var etag = ""
    public var labels: [String: String] = [:]
    public var createTime: Timestamp?
    public var updateTime: Timestamp?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("name", \.name),
        .field("displayName", \.displayName),
        .field("description", \.description),
        .field("deployedModels", \.deployedModels),
        .field("trafficSplit", \.trafficSplit),
        .field("etag", \.etag),
        .field("labels", \.labels),
        .field("createTime", \.createTime),
        .field("updateTime", \.updateTime),
    ]

    public var endpointName: VertexEndpointName? { VertexEndpointName(name) }
}

/// `google.cloud.aiplatform.v1.DeployedModel`: a model as deployed on an endpoint.
public struct VertexDeployedModel: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.DeployedModel"
    /// 1–10 digits when the client chooses it; the service makes one otherwise.
    public var id = ""
    /// The model's full name.
    public var model = ""
    public var modelVersionId = ""
    public var displayName = ""
    public var createTime: Timestamp?
    /// What AutoML image models list: a replica count range ("nodes").
    public var automaticResources: VertexAutomaticResources?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("id", \.id),
        .field("model", \.model),
        .field("modelVersionId", \.modelVersionId),
        .field("displayName", \.displayName),
        .field("createTime", \.createTime),
        .field("automaticResources", \.automaticResources),
    ]
}

/// `google.cloud.aiplatform.v1.AutomaticResources`.
public struct VertexAutomaticResources: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.AutomaticResources"
    public var minReplicaCount: Int32 = 0
    public var maxReplicaCount: Int32 = 0
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(replicas: Int32) { (minReplicaCount, maxReplicaCount) = (replicas, replicas) }
    public static let protoFields: [ProtoField<Self>] = [
        .field("minReplicaCount", \.minReplicaCount),
        .field("maxReplicaCount", \.maxReplicaCount),
    ]
}

/// The body of DeployModel (`POST …/endpoints/{e}:deployModel`); traffic key `"0"` is the model being deployed.
public struct VertexDeployModelRequest: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.DeployModelRequest"
    public var deployedModel: VertexDeployedModel?
    public var trafficSplit: [String: Int32] = [:]
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("deployedModel", \.deployedModel),
        .field("trafficSplit", \.trafficSplit),
    ]
}

/// The response of a DeployModel operation.
public struct VertexDeployModelResponse: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.DeployModelResponse"
    public var deployedModel: VertexDeployedModel?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [.field("deployedModel", \.deployedModel)]
}

/// The body of UndeployModel (`POST …/endpoints/{e}:undeployModel`).
public struct VertexUndeployModelRequest: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.UndeployModelRequest"
    public var deployedModelId = ""
    public var trafficSplit: [String: Int32] = [:]
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("deployedModelId", \.deployedModelId),
        .field("trafficSplit", \.trafficSplit),
    ]
}

/// The response of an UndeployModel operation (no fields).
public struct VertexUndeployModelResponse: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.UndeployModelResponse"
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static var protoFields: [ProtoField<Self>] { [] }
}

/// `ListEndpointsResponse`.
public struct VertexListEndpointsResponse: ProtoMessage, PagedResponse {
    public static let protoMessageName = "google.cloud.aiplatform.v1.ListEndpointsResponse"
    public var endpoints: [VertexEndpoint] = []
    public var nextPageToken = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("endpoints", \.endpoints),
        .field("nextPageToken", \.nextPageToken),
    ]
    public var pageItems: [VertexEndpoint] { endpoints }
}
