/// What `automl-trainer train` is asked to do: written by the local backend as a JSON file, one per
/// training operation. Paths are absolute local files; labels are class indices into `labels`.
package struct TrainerJob: Codable, Sendable, Equatable {
    package enum Task: String, Codable, Sendable {
        case classification
        case detection
    }

    package struct Example: Codable, Sendable, Equatable {
        /// An image file on this machine.
        package var path: String
        package var split: Split
        /// Classification: the label indices of the image.
        package var labels: [Int]
        /// Detection: the boxes of the image.
        package var boxes: [Box]

        package init(path: String, split: Split, labels: [Int] = [], boxes: [Box] = []) {
            self.path = path
            self.split = split
            self.labels = labels
            self.boxes = boxes
        }
    }

    package enum Split: String, Codable, Sendable {
        case train = "TRAIN"
        case validation = "VALIDATION"
        case test = "TEST"
    }

    package var task: Task
    package var multiLabel: Bool
    /// Every label of the dataset; indices into it are class numbers.
    package var labels: [String]
    package var examples: [Example]
    /// The whole budget of the operation.
    package var budgetMilliNodeHours: Int64
    /// Budget spent by an earlier run of this operation (the backend restarted); it is not spent again.
    package var spentMilliNodeHours: Int64
    /// Seconds of wall time one node hour stands for on this backend.
    package var nodeHourSeconds: Double
    /// Whether the search may stop before the budget when it stops improving.
    package var earlyStopping: Bool
    /// The base model's folder, for resumable training: training continues from its weights.
    package var baseModelDirectory: String?
    /// Where the trained model is written (the worker creates it).
    package var outputDirectory: String
    /// Seeds weights, splits of work and augmentation: the same job and seed give the same model.
    package var seed: UInt64
    /// Torch threads.
    package var threads: Int

    package init(
        task: Task, multiLabel: Bool, labels: [String], examples: [Example], budgetMilliNodeHours: Int64,
        spentMilliNodeHours: Int64 = 0, nodeHourSeconds: Double, earlyStopping: Bool = true,
        baseModelDirectory: String? = nil, outputDirectory: String, seed: UInt64 = 1, threads: Int = 2
    ) {
        self.task = task
        self.multiLabel = multiLabel
        self.labels = labels
        self.examples = examples
        self.budgetMilliNodeHours = budgetMilliNodeHours
        self.spentMilliNodeHours = spentMilliNodeHours
        self.nodeHourSeconds = nodeHourSeconds
        self.earlyStopping = earlyStopping
        self.baseModelDirectory = baseModelDirectory
        self.outputDirectory = outputDirectory
        self.seed = seed
        self.threads = threads
    }
}

/// A detection box, relative to the image (0...1). `score` is set on predictions only.
package struct Box: Codable, Sendable, Equatable {
    package var label: Int
    package var xMin: Double
    package var yMin: Double
    package var xMax: Double
    package var yMax: Double
    package var score: Double?

    package init(label: Int, xMin: Double, yMin: Double, xMax: Double, yMax: Double, score: Double? = nil) {
        self.label = label
        self.xMin = xMin
        self.yMin = yMin
        self.xMax = xMax
        self.yMax = yMax
        self.score = score
    }
}
