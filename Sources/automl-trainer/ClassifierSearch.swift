internal import AutoMLWorkerProtocol
internal import CAutoMLTorch

/// The AutoML search for image classification. Several candidates — small CNNs of different widths,
/// depths and input sizes, with and without colour augmentation, and a linear model on colour-invariant
/// features — each get a share of the budget; the best on the validation split keeps training for the
/// rest, with the learning rate lowered when it stalls and an early stop when it no longer improves.
/// Resumable training skips the exploration and continues the base model.
struct ClassifierSearch {
    let job: TrainerJob
    let data: SplitData
    let budget: Budget
    let stop: StopSignal
    let events: EventWriter
    /// Share of the budget the exploration takes when there are several candidates.
    static let explorationShare = 0.4

    func candidates() -> [(name: String, spec: AMTClassifierSpec, options: AMTTrainOptions)] {
        let labels = Int32(job.labels.count)
        let multi: Int32 = job.multiLabel ? 1 : 0
        let geometric = Int32(AMT_AUGMENT_FLIP | AMT_AUGMENT_CROP)
        let colour = geometric | Int32(AMT_AUGMENT_COLOR | AMT_AUGMENT_GRAYSCALE)
        func cnn(_ width: Int32, _ depth: Int32, _ size: Int32, _ augment: Int32, _ rate: Float, _ seed: UInt64)
            -> (String, AMTClassifierSpec, AMTTrainOptions)
        {
            let name = "cnn w\(width) d\(depth) @\(size)" + (augment == colour ? " colour-aug" : "")
            return (
                name,
                AMTClassifierSpec(
                    family: Int32(AMT_FAMILY_CNN), width: width, depth: depth, input_size: size,
                    num_labels: labels, multi_label: multi, seed: job.seed &+ seed),
                AMTTrainOptions(
                    learning_rate: rate, weight_decay: 1e-4, batch_size: 32, augment: augment,
                    seed: job.seed &* 31 &+ seed)
            )
        }
        return [
            (
                "linear features @\(data.size)",
                AMTClassifierSpec(
                    family: Int32(AMT_FAMILY_LINEAR_FEATURES), width: 0, depth: 0, input_size: Int32(data.size),
                    num_labels: labels, multi_label: multi, seed: job.seed),
                AMTTrainOptions(
                    learning_rate: 3e-3, weight_decay: 1e-4, batch_size: 64, augment: geometric, seed: job.seed)
            ),
            cnn(16, 4, Int32(data.size), geometric, 3e-3, 1),
            cnn(16, 4, Int32(data.size), colour, 3e-3, 2),
            cnn(32, 4, Int32(data.size), colour, 2e-3, 3),
            cnn(24, 3, Int32(data.size / 2), colour, 3e-3, 4),
        ]
    }

    /// Runs the search; nil when it was cancelled.
    func run() throws -> SearchResult<TorchClassifier>? {
        let validationTruth = data.validation.exampleIndices.map { job.examples[$0].labels }
        let score = { (model: TorchClassifier) throws -> Double in
            ValidationScore.classification(
                scores: try model.predict(data.validation), truth: validationTruth,
                multiLabel: job.multiLabel)
        }
        var runs: [CandidateRun<TorchClassifier>] = []
        if let base = job.baseModelDirectory {
            let description = try ModelFolder.readDescription(in: base)
            let model = try TorchClassifier(contentsOf: ModelFolder.weights(in: base, description: description))
            let options = AMTTrainOptions(
                learning_rate: 1e-3, weight_decay: 1e-4, batch_size: 32,
                augment: Int32(AMT_AUGMENT_FLIP | AMT_AUGMENT_CROP | AMT_AUGMENT_COLOR),
                seed: job.seed)
            runs = [CandidateRun(name: "resumed " + description.candidate, model: model, options: options)]
        } else {
            let all = candidates()
            let share = budget.remainingSeconds * Self.explorationShare / Double(all.count)
            for candidate in all {
                let run = CandidateRun(
                    name: candidate.name, model: try TorchClassifier(spec: candidate.spec),
                    options: candidate.options)
                guard try run.train(for: share, on: data, stop: stop, score: score, afterEpoch: report) else {
                    return nil
                }
                runs.append(run)
                if budget.isSpent { break }
            }
        }
        guard let winner = runs.max(by: { $0.bestScore < $1.bestScore }) else { return nil }
        guard let stopReason = try exploit(winner, score: score) else { return nil }
        return SearchResult(
            model: winner.best ?? winner.model, candidate: winner.name, validationScore: winner.bestScore,
            stopReason: stopReason, inputSize: data.size)
    }

    /// Trains the chosen candidate until the budget is spent or it converges.
    private func exploit(_ run: CandidateRun<TorchClassifier>, score: (TorchClassifier) throws -> Double) throws
        -> String?
    {
        try Exploitation(budget: budget, stop: stop, earlyStopping: job.earlyStopping).run(
            run, data: data, score: score,
            report: report)
    }

    private func report(_ run: CandidateRun<TorchClassifier>) {
        events.epoch(of: run, budget: budget, metric: job.multiLabel ? "micro F1 at 0.5" : "accuracy")
    }
}

/// What a search kept.
struct SearchResult<Model> {
    var model: Model
    var candidate: String
    var validationScore: Double
    var stopReason: String
    var inputSize: Int
}

/// The second phase for any model: train on while the budget lasts, lower the learning rate when the
/// validation score stalls, and stop early (MODEL_CONVERGED) when it no longer improves after the
/// last lowering. Returns the stop reason, or nil when cancelled.
struct Exploitation {
    let budget: Budget
    let stop: StopSignal
    let earlyStopping: Bool
    static let patience = 3
    static let maximumDrops = 3

    func run<Model: SearchModel>(
        _ run: CandidateRun<Model>, data: SplitData, score: (Model) throws -> Double,
        report: (CandidateRun<Model>) -> Void
    ) throws -> String? {
        run.chosen = true
        while !budget.isSpent {
            guard
                try run.train(
                    for: min(budget.remainingSeconds, 5), on: data, stop: stop, score: score,
                    afterEpoch: report)
            else { return nil }
            if earlyStopping && (run.bestScore >= 1 && run.epochsWithoutGain >= Self.patience) {
                return "MODEL_CONVERGED"
            }
            if run.epochsWithoutGain >= Self.patience {
                if run.learningRateDrops >= Self.maximumDrops, earlyStopping { return "MODEL_CONVERGED" }
                _ = run.dropLearningRateIfStalled(patience: Self.patience)
            }
        }
        return "BUDGET_REACHED"
    }
}
