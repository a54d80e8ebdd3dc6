/// What `automl-trainer train` is asked to do: written by the local backend as a JSON file, one per
/// training operation. Paths are absolute local files; labels are class indices into `labels`.
public struct TrainerJob: Codable, Sendable, Equatable {
    public enum Task: String, Codable, Sendable {
        case classification
        case detection
    }

    public struct Example: Codable, Sendable, Equatable {
        /// An image file on this machine.
        public var path: String
        public var split: Split
        /// Classification: the label indices of the image.
        public var labels: [Int]
        /// Detection: the boxes of the image.
        public var boxes: [Box]

        public init(path: String, split: Split, labels: [Int] = [], boxes: [Box] = []) {
            self.path = path
            self.split = split
            self.labels = labels
            self.boxes = boxes
        }
    }

    public enum Split: String, Codable, Sendable {
        case train = "TRAIN"
        case validation = "VALIDATION"
        case test = "TEST"
    }

    public var task: Task
    public var multiLabel: Bool
    /// Every label of the dataset; indices into it are class numbers.
    public var labels: [String]
    public var examples: [Example]
    /// The whole budget of the operation.
    public var budgetMilliNodeHours: Int64
    /// Budget spent by an earlier run of this operation (the backend restarted); it is not spent again.
    public var spentMilliNodeHours: Int64
    /// Seconds of wall time one node hour stands for on this backend.
    public var nodeHourSeconds: Double
    /// Whether the search may stop before the budget when it stops improving.
    public var earlyStopping: Bool
    /// The base model's folder, for resumable training: training continues from its weights.
    public var baseModelDirectory: String?
    /// Where the trained model is written (the worker creates it).
    public var outputDirectory: String
    /// Seeds weights, splits of work and augmentation: the same job and seed give the same model.
    public var seed: UInt64
    /// Torch threads.
    public var threads: Int

    public init(task: Task, multiLabel: Bool, labels: [String], examples: [Example], budgetMilliNodeHours: Int64,
                spentMilliNodeHours: Int64 = 0, nodeHourSeconds: Double, earlyStopping: Bool = true,
                baseModelDirectory: String? = nil, outputDirectory: String, seed: UInt64 = 1, threads: Int = 2) {
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
public struct Box: Codable, Sendable, Equatable {
    public var label: Int
    public var xMin: Double
    public var yMin: Double
    public var xMax: Double
    public var yMax: Double
    public var score: Double?

    public init(label: Int, xMin: Double, yMin: Double, xMax: Double, yMax: Double, score: Double? = nil) {
        self.label = label
        self.xMin = xMin
        self.yMin = yMin
        self.xMax = xMax
        self.yMax = yMax
        self.score = score
    }
}
