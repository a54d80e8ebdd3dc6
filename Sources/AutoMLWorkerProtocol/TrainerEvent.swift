/// One line of `automl-trainer train` output (JSON lines on stdout): progress while it searches, then
/// exactly one `result` or `failure`.
package enum TrainerEvent: Codable, Sendable, Equatable {
    case progress(TrainerProgress)
    case result(TrainerResult)
    case failure(String)

    private enum CodingKeys: String, CodingKey {
        case type, progress, result, message
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "progress": self = .progress(try container.decode(TrainerProgress.self, forKey: .progress))
        case "result": self = .result(try container.decode(TrainerResult.self, forKey: .result))
        case "failure": self = .failure(try container.decode(String.self, forKey: .message))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "unknown trainer event \"\(other)\"")
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .progress(let progress):
            try container.encode("progress", forKey: .type)
            try container.encode(progress, forKey: .progress)
        case .result(let result):
            try container.encode("result", forKey: .type)
            try container.encode(result, forKey: .result)
        case .failure(let message):
            try container.encode("failure", forKey: .type)
            try container.encode(message, forKey: .message)
        }
    }
}

package struct TrainerProgress: Codable, Sendable, Equatable {
    /// Budget spent so far, earlier runs included.
    package var spentMilliNodeHours: Int64
    package var percent: Int
    /// What the search is doing, for logs: the candidate, its epoch and validation score.
    package var note: String
    /// The epoch just finished, when the progress follows one (absent from older trainers and for other notes).
    package var epoch: TrainerEpoch?

    package init(spentMilliNodeHours: Int64, percent: Int, note: String, epoch: TrainerEpoch? = nil) {
        self.spentMilliNodeHours = spentMilliNodeHours
        self.percent = percent
        self.note = note
        self.epoch = epoch
    }
}

/// One finished epoch of a candidate of the search, as the local backend's training log keeps it.
package struct TrainerEpoch: Codable, Sendable, Equatable {
    /// The candidate, e.g. `cnn w16 d4 @64 colour-aug` (`resumed …` when training goes on from a base model).
    package var candidate: String
    /// Whether the candidate is the one the search kept and trains for the rest of the budget.
    package var chosen: Bool
    /// Epochs the candidate has trained, this one included.
    package var epoch: Int
    /// The training loss of the epoch; nil when it was not a number.
    package var loss: Double?
    /// The epoch's score on the validation split and the candidate's best so far (see `metric`).
    package var validationScore: Double
    package var bestValidationScore: Double
    /// The learning rate the epoch trained with.
    package var learningRate: Double
    /// What the score measures: `accuracy`, `micro F1 at 0.5` or `mAP at IoU 0.5`.
    package var metric: String

    package init(
        candidate: String, chosen: Bool, epoch: Int, loss: Double?, validationScore: Double,
        bestValidationScore: Double, learningRate: Double, metric: String
    ) {
        self.candidate = candidate
        self.chosen = chosen
        self.epoch = epoch
        self.loss = loss
        self.validationScore = validationScore
        self.bestValidationScore = bestValidationScore
        self.learningRate = learningRate
        self.metric = metric
    }
}

package struct TrainerResult: Codable, Sendable, Equatable {
    /// `BUDGET_REACHED` or `MODEL_CONVERGED`.
    package var stopReason: String
    /// What the run spent, earlier runs included; never more than the budget.
    package var costMilliNodeHours: Int64
    /// The folder holding the model (`outputDirectory` of the job).
    package var modelDirectory: String
    /// The kept candidate, e.g. `cnn w32 d4 @64`, and its validation score.
    package var candidate: String
    package var validationScore: Double
    /// Predictions on the TEST split, in job order, for the evaluation (empty without TEST images).
    package var evaluated: [EvaluatedExample]

    package init(
        stopReason: String, costMilliNodeHours: Int64, modelDirectory: String, candidate: String,
        validationScore: Double, evaluated: [EvaluatedExample]
    ) {
        self.stopReason = stopReason
        self.costMilliNodeHours = costMilliNodeHours
        self.modelDirectory = modelDirectory
        self.candidate = candidate
        self.validationScore = validationScore
        self.evaluated = evaluated
    }
}

/// A held-out example with the model's answer: scores per label (classification) or boxes (detection).
package struct EvaluatedExample: Codable, Sendable, Equatable {
    /// Index of the example in the job.
    package var example: Int
    package var scores: [Float]?
    package var boxes: [Box]?

    package init(example: Int, scores: [Float]? = nil, boxes: [Box]? = nil) {
        self.example = example
        self.scores = scores
        self.boxes = boxes
    }
}
