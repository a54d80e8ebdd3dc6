public import Foundation

/// The body of Predict (`POST …/models/{m}:predict`).
public struct PredictRequest: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.PredictRequest"
    /// Required.
    public var payload: ExamplePayload?
    /// `score_threshold` (both domains) and `max_bounding_box_count` (detection); values are strings.
    public var params: [String: String] = [:]
    public var unknownFields: JSONObject = [:]
    public init() {}

    public static let protoFields: [ProtoField<Self>] = [.field("payload", \.payload), .field("params", \.params)]
}

/// `google.cloud.automl.v1.ExamplePayload`; for Vision, an image.
public struct ExamplePayload: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.ExamplePayload"
    public var image: Image?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(image: Image) { self.image = image }
    public static let protoFields: [ProtoField<Self>] = [.field("image", \.image)]
}

/// `google.cloud.automl.v1.Image`: image bytes (base64 in JSON) or, output only, a thumbnail URI.
public struct Image: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.Image"
    public var imageBytes = Data()
    public var thumbnailUri = ""
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(imageBytes: Data) { self.imageBytes = imageBytes }

    public static let protoFields: [ProtoField<Self>] = [
        .field("imageBytes", \.imageBytes),
        .field("thumbnailUri", \.thumbnailUri),
    ]
}

/// `google.cloud.automl.v1.PredictResponse`.
public struct PredictResponse: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.PredictResponse"
    public var payload: [AnnotationPayload] = []
    public var metadata: [String: String] = [:]
    public var preprocessedInput: ExamplePayload?
    public var unknownFields: JSONObject = [:]
    public init() {}

    public static let protoFields: [ProtoField<Self>] = [
        .field("payload", \.payload),
        .field("metadata", \.metadata),
        .field("preprocessedInput", \.preprocessedInput),
    ]
}

/// `google.cloud.automl.v1.AnnotationPayload`: one predicted label or box.
public struct AnnotationPayload: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.AnnotationPayload"
    public var annotationSpecId = ""
    /// The label's name at training time.
    public var displayName = ""
    public var classification: ClassificationAnnotation?
    public var imageObjectDetection: ImageObjectDetectionAnnotation?
    public var unknownFields: JSONObject = [:]
    public init() {}

    public static let protoFields: [ProtoField<Self>] = [
        .field("annotationSpecId", \.annotationSpecId),
        .field("classification", \.classification),
        .field("imageObjectDetection", \.imageObjectDetection),
        .field("displayName", \.displayName),
    ]
}

/// `google.cloud.automl.v1.ClassificationAnnotation`.
public struct ClassificationAnnotation: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.ClassificationAnnotation"
    /// 0–1; higher means more confident.
    public var score: Float = 0
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(score: Float) { self.score = score }
    public static let protoFields: [ProtoField<Self>] = [.field("score", \.score)]
}

/// `google.cloud.automl.v1.ImageObjectDetectionAnnotation`.
public struct ImageObjectDetectionAnnotation: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.ImageObjectDetectionAnnotation"
    public var boundingBox: BoundingPoly?
    public var score: Float = 0
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("boundingBox", \.boundingBox), .field("score", \.score),
    ]
}

/// `google.cloud.automl.v1.BoundingPoly`; predictions carry two vertices, (xMin, yMin) and (xMax, yMax).
public struct BoundingPoly: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.BoundingPoly"
    public var normalizedVertices: [NormalizedVertex] = []
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(normalizedVertices: [NormalizedVertex]) { self.normalizedVertices = normalizedVertices }
    public static let protoFields: [ProtoField<Self>] = [.field("normalizedVertices", \.normalizedVertices)]
}

/// `google.cloud.automl.v1.NormalizedVertex`: 0–1 relative to the image, origin top-left.
public struct NormalizedVertex: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.NormalizedVertex"
    public var x: Float = 0
    public var y: Float = 0
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(x: Float, y: Float) {
        self.x = x
        self.y = y
    }
    public static let protoFields: [ProtoField<Self>] = [.field("x", \.x), .field("y", \.y)]
}

/// `google.cloud.automl.v1.BatchPredictResult`: the response of a finished BatchPredict operation.
public struct BatchPredictResult: ProtoMessage {
    public static let protoMessageName = "google.cloud.automl.v1.BatchPredictResult"
    public var metadata: [String: String] = [:]
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [.field("metadata", \.metadata)]
}
