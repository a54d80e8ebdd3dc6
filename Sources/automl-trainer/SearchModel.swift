internal import CAutoMLTorch

/// What the search needs of a model, classifier or detector.
protocol SearchModel: AnyObject {
    func trainEpoch(on data: TorchDataset, options: AMTTrainOptions, stop: StopSignal) throws -> (
        completed: Bool, loss: Float
    )
    func recalibrate(on data: TorchDataset) throws
    func snapshot() throws -> Self
}

extension TorchClassifier: SearchModel {
    func recalibrate(on data: TorchDataset) throws { try recalibrate(on: data, maxImages: 2_048) }
    func snapshot() throws -> TorchClassifier { try clone() }
}

extension TorchDetector: SearchModel {
    func recalibrate(on data: TorchDataset) throws { try recalibrate(on: data, maxImages: 1_024) }
    func snapshot() throws -> TorchDetector { try clone() }
}

/// One model being trained: its schedule, its best validation score and the weights that scored it.
final class CandidateRun<Model: SearchModel> {
    let name: String
    let model: Model
    var options: AMTTrainOptions
    private(set) var epochs = 0
    private(set) var bestScore = -Double.infinity
    private(set) var best: Model?
    /// Epochs since the best score last improved.
    private(set) var epochsWithoutGain = 0
    private(set) var learningRateDrops = 0
    private(set) var lastLoss: Float = .nan
    /// The last epoch's validation score.
    private(set) var lastScore = 0.0
    /// Set when the search keeps this candidate and trains it for the rest of the budget.
    var chosen = false

    init(name: String, model: Model, options: AMTTrainOptions) {
        self.name = name
        self.model = model
        self.options = options
    }

    /// Trains epochs until `seconds` have passed (at least one epoch is started), scoring each on the
    /// validation split. Returns false when the run was cancelled.
    func train(
        for seconds: Double, on data: SplitData, stop: StopSignal, score: (Model) throws -> Double,
        afterEpoch: (CandidateRun) -> Void
    ) throws -> Bool {
        let start = ContinuousClock.now
        stop.arm(after: seconds)
        repeat {
            options.seed &+= 1
            let epoch = try model.trainEpoch(on: data.train, options: options, stop: stop)
            if stop.isCancelled { return false }
            lastLoss = epoch.loss
            epochs += 1
            try model.recalibrate(on: data.train)
            let value = try score(model)
            lastScore = value
            if value > bestScore + 1e-4 {
                bestScore = value
                best = try model.snapshot()
                epochsWithoutGain = 0
            } else {
                epochsWithoutGain += 1
            }
            afterEpoch(self)
            if !epoch.completed { break }
        } while (ContinuousClock.now - start) < .seconds(seconds)
        return true
    }

    /// Lowers the learning rate when the validation score stopped improving; true when it did.
    func dropLearningRateIfStalled(patience: Int) -> Bool {
        guard epochsWithoutGain >= patience else { return false }
        options.learning_rate *= 0.3
        learningRateDrops += 1
        epochsWithoutGain = 0
        return true
    }
}
