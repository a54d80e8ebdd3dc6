internal import AutoMLWorkerProtocol
internal import CAutoMLTorch

/// Training for object detection: two detector widths share the first part of the budget, the better
/// one on validation mean average precision (IoU 0.5) trains on for the rest. Resumable training
/// continues the base model.
struct DetectorSearch {
    let job: TrainerJob
    let data: SplitData
    let budget: Budget
    let stop: StopSignal
    let events: EventWriter

    func run() throws -> SearchResult<TorchDetector>? {
        let truth = data.validation.exampleIndices.map { job.examples[$0].boxes }
        let labelCount = job.labels.count
        let evaluator = DetectorPredictions(data: data)
        let score = { (model: TorchDetector) throws -> Double in
            ValidationScore.detection(
                predicted: try evaluator.boxes(of: model, in: data.validation), truth: truth,
                labelCount: labelCount)
        }
        let augment = Int32(AMT_AUGMENT_FLIP | AMT_AUGMENT_COLOR)
        var runs: [CandidateRun<TorchDetector>] = []
        if let base = job.baseModelDirectory {
            let description = try ModelFolder.readDescription(in: base)
            let model = try TorchDetector(contentsOf: ModelFolder.weights(in: base, description: description))
            runs = [
                CandidateRun(
                    name: "resumed " + description.candidate, model: model,
                    options: AMTTrainOptions(
                        learning_rate: 1e-3, weight_decay: 1e-4, batch_size: 16,
                        augment: augment, seed: job.seed))
            ]
        } else {
            let widths: [Int32] = [16, 24]
            let share = budget.remainingSeconds * 0.3 / Double(widths.count)
            for (position, width) in widths.enumerated() {
                let spec = AMTDetectorSpec(
                    width: width, input_size: Int32(data.size), num_labels: Int32(labelCount),
                    seed: job.seed &+ UInt64(position))
                let run = CandidateRun(
                    name: "centre-heatmap detector w\(width) @\(data.size)",
                    model: try TorchDetector(spec: spec),
                    options: AMTTrainOptions(
                        learning_rate: 2e-3, weight_decay: 1e-4, batch_size: 16,
                        augment: augment, seed: job.seed &+ UInt64(position)))
                guard try run.train(for: share, on: data, stop: stop, score: score, afterEpoch: report) else {
                    return nil
                }
                runs.append(run)
                if budget.isSpent { break }
            }
        }
        guard let winner = runs.max(by: { $0.bestScore < $1.bestScore }) else { return nil }
        guard
            let stopReason = try Exploitation(budget: budget, stop: stop, earlyStopping: job.earlyStopping)
                .run(winner, data: data, score: score, report: report)
        else { return nil }
        return SearchResult(
            model: winner.best ?? winner.model, candidate: winner.name, validationScore: winner.bestScore,
            stopReason: stopReason, inputSize: data.size)
    }

    private func report(_ run: CandidateRun<TorchDetector>) {
        events.epoch(of: run, budget: budget, metric: "mAP at IoU 0.5")
    }
}

/// Boxes a detector finds in every image of a dataset, low threshold, for scoring and evaluation.
struct DetectorPredictions {
    let data: SplitData
    /// Low enough to trace the whole precision-recall curve.
    static let scoreThreshold = 0.05
    static let maximumBoxes = 100

    func boxes(of model: TorchDetector, in dataset: TorchDataset) throws -> [[Box]] {
        try dataset.pixelsOfAll().map {
            try model.predict(
                pixels: $0, size: dataset.size, scoreThreshold: Self.scoreThreshold,
                maxBoxes: Self.maximumBoxes)
        }
    }
}
