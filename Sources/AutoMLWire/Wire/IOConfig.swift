/// `google.cloud.automl.v1.GcsSource`: full object paths such as `gs://bucket/dir/data.csv`.
public struct GcsSource: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.GcsSource"
    public var inputUris: [String] = []
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(inputUris: [String]) { self.inputUris = inputUris }
    public static let protoFields: [ProtoField<Self>] = [.field("inputUris", \.inputUris)]
}

/// `google.cloud.automl.v1.GcsDestination`: a `gs://bucket/directory` prefix, created if missing.
public struct GcsDestination: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.GcsDestination"
    public var outputUriPrefix = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(outputUriPrefix: String) { self.outputUriPrefix = outputUriPrefix }
    public static let protoFields: [ProtoField<Self>] = [.field("outputUriPrefix", \.outputUriPrefix)]
}

/// `google.cloud.automl.v1.InputConfig`: where ImportData reads its CSV files.
public struct InputConfig: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.InputConfig"
    public var gcsSource: GcsSource?
    public var params: [String: String] = [:]
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(gcsSource: GcsSource) { self.gcsSource = gcsSource }
    public static let protoFields: [ProtoField<Self>] = [.field("gcsSource", \.gcsSource), .field("params", \.params)]
}

/// `google.cloud.automl.v1.OutputConfig`: where ExportData writes.
public struct OutputConfig: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.OutputConfig"
    public var gcsDestination: GcsDestination?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(gcsDestination: GcsDestination) { self.gcsDestination = gcsDestination }
    public static let protoFields: [ProtoField<Self>] = [.field("gcsDestination", \.gcsDestination)]
}

/// `google.cloud.automl.v1.BatchPredictInputConfig`: CSV files listing one image path per line.
public struct BatchPredictInputConfig: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.BatchPredictInputConfig"
    public var gcsSource: GcsSource?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(gcsSource: GcsSource) { self.gcsSource = gcsSource }
    public static let protoFields: [ProtoField<Self>] = [.field("gcsSource", \.gcsSource)]
}

/// `google.cloud.automl.v1.BatchPredictOutputConfig`.
public struct BatchPredictOutputConfig: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.BatchPredictOutputConfig"
    public var gcsDestination: GcsDestination?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(gcsDestination: GcsDestination) { self.gcsDestination = gcsDestination }
    public static let protoFields: [ProtoField<Self>] = [.field("gcsDestination", \.gcsDestination)]
}

/// `google.cloud.automl.v1.ModelExportOutputConfig`.
public struct ModelExportOutputConfig: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.ModelExportOutputConfig"
    public var gcsDestination: GcsDestination?
    /// Such as `tflite`, `tf_saved_model`, `core_ml`; empty for the model type's default.
    public var modelFormat = ""
    public var params: [String: String] = [:]
    public var unknownFields: JSONObject = [:]
    public init() {}

    public static let protoFields: [ProtoField<Self>] = [
        .field("gcsDestination", \.gcsDestination),
        .field("params", \.params),
        .field("modelFormat", \.modelFormat),
    ]
}
