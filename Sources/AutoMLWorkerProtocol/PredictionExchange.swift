/// One request to `automl-trainer serve` (a JSON line on its stdin): an image to predict, or an export.
public struct PredictionRequest: Codable, Sendable, Equatable {
    public var id: Int
    /// The image file bytes, base64 (as PredictRequest carries them).
    public var imageBase64: String?
    /// Or a file on this machine (batch prediction).
    public var imagePath: String?
    /// Classification: labels scoring below are left out. Detection: boxes scoring below are left out.
    public var scoreThreshold: Double
    /// Detection: at most this many boxes.
    public var maxBoxes: Int

    public init(id: Int, imageBase64: String? = nil, imagePath: String? = nil, scoreThreshold: Double,
                maxBoxes: Int = 100) {
        self.id = id
        self.imageBase64 = imageBase64
        self.imagePath = imagePath
        self.scoreThreshold = scoreThreshold
        self.maxBoxes = maxBoxes
    }
}

/// The answer to one ``PredictionRequest`` (a JSON line on stdout).
public struct PredictionReply: Codable, Sendable, Equatable {
    public var id: Int
    /// Classification: every label's score, in label order (the caller applies the threshold).
    public var scores: [Float]?
    /// Detection: boxes best first, already thresholded and capped.
    public var boxes: [Box]?
    /// The image could not be used (not an image, corrupt, too large): a message for the caller.
    public var error: String?

    public init(id: Int, scores: [Float]? = nil, boxes: [Box]? = nil, error: String? = nil) {
        self.id = id
        self.scores = scores
        self.boxes = boxes
        self.error = error
    }
}

/// What `model.json` in a model folder says: enough to load the weights and to describe the export.
public struct ModelDescription: Codable, Sendable, Equatable {
    public var task: TrainerJob.Task
    public var multiLabel: Bool
    public var labels: [String]
    /// The weights file in the folder.
    public var weightsFile: String
    /// Images are decoded to `inputSize × inputSize` RGB, values 0...1.
    public var inputSize: Int
    public var candidate: String
    public var validationScore: Double

    public init(task: TrainerJob.Task, multiLabel: Bool, labels: [String], weightsFile: String, inputSize: Int,
                candidate: String, validationScore: Double) {
        self.task = task
        self.multiLabel = multiLabel
        self.labels = labels
        self.weightsFile = weightsFile
        self.inputSize = inputSize
        self.candidate = candidate
        self.validationScore = validationScore
    }
}
