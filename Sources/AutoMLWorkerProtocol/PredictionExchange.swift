/// One request to `automl-trainer serve` (a JSON line on its stdin): an image to predict, or an export.
package struct PredictionRequest: Codable, Sendable, Equatable {
    package var id: Int
    /// The image file bytes, base64 (as PredictRequest carries them).
    package var imageBase64: String?
    /// Or a file on this machine (batch prediction).
    package var imagePath: String?
    /// Classification: labels scoring below are left out. Detection: boxes scoring below are left out.
    package var scoreThreshold: Double
    /// Detection: at most this many boxes.
    package var maxBoxes: Int

    package init(
        id: Int, imageBase64: String? = nil, imagePath: String? = nil, scoreThreshold: Double,
        maxBoxes: Int = 100
    ) {
        self.id = id
        self.imageBase64 = imageBase64
        self.imagePath = imagePath
        self.scoreThreshold = scoreThreshold
        self.maxBoxes = maxBoxes
    }
}

/// The answer to one ``PredictionRequest`` (a JSON line on stdout).
package struct PredictionReply: Codable, Sendable, Equatable {
    package var id: Int
    /// Classification: every label's score, in label order (the caller applies the threshold).
    package var scores: [Float]?
    /// Detection: boxes best first, already thresholded and capped.
    package var boxes: [Box]?
    /// The image could not be used (not an image, corrupt, too large): a message for the caller.
    package var error: String?

    package init(id: Int, scores: [Float]? = nil, boxes: [Box]? = nil, error: String? = nil) {
        self.id = id
        self.scores = scores
        self.boxes = boxes
        self.error = error
    }
}

/// What `model.json` in a model folder says: enough to load the weights and to describe the export.
package struct ModelDescription: Codable, Sendable, Equatable {
    package var task: TrainerJob.Task
    package var multiLabel: Bool
    package var labels: [String]
    /// The weights file in the folder.
    package var weightsFile: String
    /// Images are decoded to `inputSize × inputSize` RGB, values 0...1.
    package var inputSize: Int
    package var candidate: String
    package var validationScore: Double

    package init(
        task: TrainerJob.Task, multiLabel: Bool, labels: [String], weightsFile: String, inputSize: Int,
        candidate: String, validationScore: Double
    ) {
        self.task = task
        self.multiLabel = multiLabel
        self.labels = labels
        self.weightsFile = weightsFile
        self.inputSize = inputSize
        self.candidate = candidate
        self.validationScore = validationScore
    }
}
