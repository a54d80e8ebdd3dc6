/// `google.cloud.aiplatform.v1.Dataset`. Image datasets have one metadata schema (``VertexSchema/imageDataset``);
/// the problem type is chosen by the import schema and the training definition, not by the dataset.
public struct VertexDataset: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.Dataset"
    /// Output only. `projects/{number}/locations/{l}/datasets/{id}`.
    public var name = ""
    /// Required. At most 128 UTF-8 characters.
    public var displayName = ""
    public var description = ""
    /// Required: ``VertexSchema/imageDataset`` for images.
    public var metadataSchemaUri = ""
    /// Output for images: `{"dataItemSchemaUri": …, "gcsBucket": …}`.
    public var metadata = JSONValue.null
    /// Output only. How many data items (images) the dataset holds; omitted while 0.
    public var dataItemCount: Int64 = 0
    public var createTime: Timestamp?
    public var updateTime: Timestamp?
    public var etag = ""
    public var labels: [String: String] = [:]
    public var unknownFields: JSONObject = [:]
    public init() {}

    public static let protoFields: [ProtoField<Self>] = [
        .field("name", \.name),
        .field("displayName", \.displayName),
        .field("description", \.description),
        .field("metadataSchemaUri", \.metadataSchemaUri),
        .field("metadata", \.metadata),
        .field("dataItemCount", \.dataItemCount),
        .field("createTime", \.createTime),
        .field("updateTime", \.updateTime),
        .field("etag", \.etag),
        .field("labels", \.labels),
    ]

    public var datasetName: VertexDatasetName? { VertexDatasetName(name) }
}

/// `google.cloud.aiplatform.v1.GcsSource`: import files (`gs://` URIs, wildcards allowed).
public struct VertexGcsSource: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.GcsSource"
    public var uris: [String] = []
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(uris: [String]) { self.uris = uris }
    public static let protoFields: [ProtoField<Self>] = [.field("uris", \.uris)]
}

/// `google.cloud.aiplatform.v1.GcsDestination`: a `gs://` folder to write into.
public struct VertexGcsDestination: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.GcsDestination"
    public var outputUriPrefix = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(outputUriPrefix: String) { self.outputUriPrefix = outputUriPrefix }
    public static let protoFields: [ProtoField<Self>] = [.field("outputUriPrefix", \.outputUriPrefix)]
}

/// `google.cloud.aiplatform.v1.ImportDataConfig`: one set of import files and what they hold.
public struct VertexImportDataConfig: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.ImportDataConfig"
    public var gcsSource: VertexGcsSource?
    /// Labels for every imported item, such as `aiplatform.googleapis.com/ml_use: training`.
    public var dataItemLabels: [String: String] = [:]
    public var annotationLabels: [String: String] = [:]
    /// Required: one of ``VertexSchema/Import``.
    public var importSchemaUri = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("gcsSource", \.gcsSource),
        .field("dataItemLabels", \.dataItemLabels),
        .field("annotationLabels", \.annotationLabels),
        .field("importSchemaUri", \.importSchemaUri),
    ]
}

/// The body of ImportData (`POST …/datasets/{d}:import`).
public struct VertexImportDataRequest: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.ImportDataRequest"
    public var importConfigs: [VertexImportDataConfig] = []
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [.field("importConfigs", \.importConfigs)]
}

/// `google.cloud.aiplatform.v1.FractionSplit`: shares of the items for training, validation and test.
public struct VertexFractionSplit: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.FractionSplit"
    public var trainingFraction = 0.0
    public var validationFraction = 0.0
    public var testFraction = 0.0
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("trainingFraction", \.trainingFraction),
        .field("validationFraction", \.validationFraction),
        .field("testFraction", \.testFraction),
    ]
}

/// `google.cloud.aiplatform.v1.ExportDataConfig`.
public struct VertexExportDataConfig: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.ExportDataConfig"
    public var gcsDestination: VertexGcsDestination?
    public var fractionSplit: VertexFractionSplit?
    public var annotationsFilter = ""
    public var annotationSchemaUri = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("gcsDestination", \.gcsDestination),
        .field("fractionSplit", \.fractionSplit),
        .field("annotationsFilter", \.annotationsFilter),
        .field("annotationSchemaUri", \.annotationSchemaUri),
    ]
}

/// The body of ExportData (`POST …/datasets/{d}:export`).
public struct VertexExportDataRequest: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.ExportDataRequest"
    public var exportConfig: VertexExportDataConfig?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [.field("exportConfig", \.exportConfig)]
}

/// The response of an ExportData operation: the files written.
public struct VertexExportDataResponse: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.ExportDataResponse"
    public var exportedFiles: [String] = []
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [.field("exportedFiles", \.exportedFiles)]
}

/// The response of an ImportData operation (no fields).
public struct VertexImportDataResponse: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.ImportDataResponse"
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static var protoFields: [ProtoField<Self>] { [] }
}

/// `google.cloud.aiplatform.v1.AnnotationSpec`: a label of a dataset.
public struct VertexAnnotationSpec: ProtoMessage {
    public static let protoMessageName = "google.cloud.aiplatform.v1.AnnotationSpec"
    public var name = ""
    public var displayName = ""
    public var createTime: Timestamp?
    public var updateTime: Timestamp?
    public var etag = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("name", \.name),
        .field("displayName", \.displayName),
        .field("createTime", \.createTime),
        .field("updateTime", \.updateTime),
        .field("etag", \.etag),
    ]
}

/// `ListDatasetsResponse`.
public struct VertexListDatasetsResponse: ProtoMessage, PagedResponse {
    public static let protoMessageName = "google.cloud.aiplatform.v1.ListDatasetsResponse"
    public var datasets: [VertexDataset] = []
    public var nextPageToken = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("datasets", \.datasets),
        .field("nextPageToken", \.nextPageToken),
    ]
    public var pageItems: [VertexDataset] { datasets }
}
