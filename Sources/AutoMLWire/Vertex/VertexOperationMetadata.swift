/// `google.cloud.aiplatform.v1.GenericOperationMetadata`: what every Vertex AI operation's metadata wraps.
public struct VertexGenericOperationMetadata: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.GenericOperationMetadata"
    /// At most 20.
    public var partialFailures: [Status] = []
    public var createTime: Timestamp?
    /// The finish time once the operation is done.
    public var updateTime: Timestamp?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("partialFailures", \.partialFailures),
        .field("createTime", \.createTime),
        .field("updateTime", \.updateTime),
    ]
}

/// The metadata of a Vertex AI operation: `genericMetadata`, plus the output folder of an ExportData. One type for
/// every method; its ``kind`` is the `@type` it is packed as (``VertexOperationKind``), because Google's clients
/// refuse unknown members in an operation and each method's message has only these.
public struct VertexOperationMetadata: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.GenericOperationMetadataWrapper"
    public var genericMetadata: VertexGenericOperationMetadata?
    /// ExportDataOperationMetadata only.
    public var gcsOutputDirectory = ""
    /// ExportModelOperationMetadata only: where the model went.
    public var outputInfo: VertexExportOutputInfo?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("genericMetadata", \.genericMetadata),
        .field("gcsOutputDirectory", \.gcsOutputDirectory),
        .field("outputInfo", \.outputInfo),
    ]
}

/// `ExportModelOperationMetadata.OutputInfo`: the folder an ExportModel wrote the model's files to.
public struct VertexExportOutputInfo: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.ExportModelOperationMetadata.OutputInfo"
    public var artifactOutputUri = ""
    public var imageOutputUri = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(artifactOutputUri: String) { self.artifactOutputUri = artifactOutputUri }
    public static let protoFields: [ProtoField<Self>] = [
        .field("artifactOutputUri", \.artifactOutputUri),
        .field("imageOutputUri", \.imageOutputUri),
    ]
}

/// The methods that start Vertex AI operations, with the `@type` of their metadata and response.
public struct VertexOperationKind: Sendable, Hashable {
    /// Such as `CreateDatasetOperationMetadata`.
    public let metadataType: String
    /// Such as `Dataset`, or `google.protobuf.Empty` (full name) for deletes.
    public let responseType: String

    static let prefix = "type.googleapis.com/google.cloud.aiplatform.v1."

    public static let createDataset = Self(metadataType: "CreateDatasetOperationMetadata", responseType: "Dataset")
    public static let importData = Self(metadataType: "ImportDataOperationMetadata", responseType: "ImportDataResponse")
    public static let exportData = Self(metadataType: "ExportDataOperationMetadata", responseType: "ExportDataResponse")
    public static let delete = Self(metadataType: "DeleteOperationMetadata", responseType: "google.protobuf.Empty")
    public static let exportModel = Self(
        metadataType: "ExportModelOperationMetadata", responseType: "ExportModelResponse")
    public static let createEndpoint = Self(
        metadataType: "CreateEndpointOperationMetadata", responseType: "Endpoint")
    public static let deployModel = Self(
        metadataType: "DeployModelOperationMetadata", responseType: "DeployModelResponse")
    public static let undeployModel = Self(
        metadataType: "UndeployModelOperationMetadata", responseType: "UndeployModelResponse")

    public static let all: [Self] = [
        .createDataset, .importData, .exportData, .delete, .exportModel, .createEndpoint, .deployModel, .undeployModel,
    ]

    /// The metadata's `@type` URL.
    public var metadataTypeURL: String { Self.prefix + metadataType }
    /// The response's `@type` URL.
    public var responseTypeURL: String {
        responseType.contains(".") ? "type.googleapis.com/" + responseType : Self.prefix + responseType
    }

    /// The kind whose metadata has this `@type` URL.
    public init?(metadataTypeURL: String) {
        guard let kind = Self.all.first(where: { $0.metadataTypeURL == metadataTypeURL }) else { return nil }
        self = kind
    }

    init(metadataType: String, responseType: String) {
        self.metadataType = metadataType
        self.responseType = responseType
    }
}

extension VertexOperationMetadata {
    /// Packs the metadata as the given method's metadata type.
    public func packed(as kind: VertexOperationKind, options: ProtoJSONOptions = .canonical) -> ProtoAny {
        var fields = protoJSON(options: options).objectValue ?? [:]
        if kind != .exportData { fields["gcsOutputDirectory"] = nil }
        if kind != .exportModel { fields["outputInfo"] = nil }
        return ProtoAny(typeURL: kind.metadataTypeURL, fields: fields)
    }

    /// Reads the metadata of any Vertex AI method (any `…aiplatform.v1.*OperationMetadata` type).
    public init(unpacking any: ProtoAny) throws {
        guard any.typeURL.hasPrefix(VertexOperationKind.prefix), any.typeURL.hasSuffix("OperationMetadata") else {
            throw ProtoJSONError(path: "metadata", reason: "holds \(any.messageName), not Vertex AI operation metadata")
        }
        try self.init(protoJSON: .object(any.fields), path: "metadata")
    }
}

extension LongRunningOperation {
    /// The Vertex AI metadata, when ``metadata`` holds one that reads cleanly.
    public var vertexMetadata: VertexOperationMetadata? {
        metadata.flatMap { try? VertexOperationMetadata(unpacking: $0) }
    }

    /// The Vertex AI operation name, or nil when the server sent a malformed one.
    public var vertexOperationName: VertexOperationName? { VertexOperationName(name) }
}
