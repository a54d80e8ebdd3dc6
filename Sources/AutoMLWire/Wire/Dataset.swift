/// `google.cloud.automl.v1.Dataset`: the images and labels a model is trained on.
///
/// Exactly one metadata member is set; it selects the problem type. Metadata of non-Vision domains
/// (translation, text) is kept in ``unknownFields``.
public struct Dataset: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.Dataset"
    /// Output only. `projects/{p}/locations/{l}/datasets/{id}`.
    public var name = ""
    /// Required. At most 32 ASCII letters, digits and underscores.
    public var displayName = ""
    public var description = ""
    /// Output only. The number of examples (images).
    public var exampleCount: Int32 = 0
    /// Output only.
    public var createTime: Timestamp?
    public var etag = ""
    public var labels: [String: String] = [:]
    public var imageClassificationDatasetMetadata: ImageClassificationDatasetMetadata?
    public var imageObjectDetectionDatasetMetadata: ImageObjectDetectionDatasetMetadata?
    public var unknownFields: JSONObject = [:]

    public init() {}

    public static let protoFields: [ProtoField<Dataset>] = [
        .field("name", \.name),
        .field("displayName", \.displayName),
        .field("description", \.description),
        .field("exampleCount", \.exampleCount),
        .field("createTime", \.createTime),
        .field("etag", \.etag),
        .field("labels", \.labels),
        .field("imageClassificationDatasetMetadata", \.imageClassificationDatasetMetadata),
        .field("imageObjectDetectionDatasetMetadata", \.imageObjectDetectionDatasetMetadata),
    ]

    /// The parsed ``name``, or nil when the server sent none or a malformed one.
    public var datasetName: DatasetName? { DatasetName(name) }
}

/// `google.cloud.automl.v1.ImageClassificationDatasetMetadata`.
public struct ImageClassificationDatasetMetadata: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.ImageClassificationDatasetMetadata"
    /// Required.
    public var classificationType = ClassificationType.unspecified
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(classificationType: ClassificationType) { self.classificationType = classificationType }
    public static let protoFields: [ProtoField<Self>] = [.field("classificationType", \.classificationType)]
}

/// `google.cloud.automl.v1.ImageObjectDetectionDatasetMetadata`: no fields; its presence marks the domain.
public struct ImageObjectDetectionDatasetMetadata: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.ImageObjectDetectionDatasetMetadata"
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static var protoFields: [ProtoField<Self>] { [] }
}

/// `google.cloud.automl.v1.AnnotationSpec`: a label of a dataset, created by importing data.
public struct AnnotationSpec: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.AnnotationSpec"
    /// Output only. `…/datasets/{d}/annotationSpecs/{id}`.
    public var name = ""
    /// The label text as it appears in the import CSV.
    public var displayName = ""
    /// Output only. Examples in the dataset that carry this label.
    public var exampleCount: Int32 = 0
    public var unknownFields: JSONObject = [:]
    public init() {}

    public static let protoFields: [ProtoField<AnnotationSpec>] = [
        .field("name", \.name),
        .field("displayName", \.displayName),
        .field("exampleCount", \.exampleCount),
    ]
}
