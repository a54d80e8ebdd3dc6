internal import AutoMLWorkerProtocol
import Foundation

/// `automl-trainer train JOB.json`: decodes the job's images, runs the search within the budget, writes
/// the kept model to the job's output folder and reports it with its predictions on the held-out split.
struct TrainCommand {
    /// Classification images are decoded to this size; detection to the larger one.
    static let classificationSize = 64
    static let detectionSize = 96

    let jobPath: String
    let events = EventWriter()

    /// The exit status: 0 with a result, 1 after a failure event, 130 when cancelled (no model written).
    func run() -> Int32 {
        let stop = StopSignal()
        stop.watchSignals()
        do {
            guard let data = FileManager.default.contents(atPath: jobPath) else {
                throw TorchError(description: "cannot read the job file \(jobPath)")
            }
            let job = try JSONDecoder().decode(TrainerJob.self, from: data)
            guard let result = try train(job, stop: stop) else { return 130 }
            events.write(TrainerEvent.result(result))
            return 0
        } catch {
            if stop.isCancelled { return 130 }
            events.write(TrainerEvent.failure(String(describing: error)))
            return 1
        }
    }

    private func train(_ job: TrainerJob, stop: StopSignal) throws -> TrainerResult? {
        let budget = Budget(
            total: job.budgetMilliNodeHours, spentBefore: job.spentMilliNodeHours,
            nodeHourSeconds: job.nodeHourSeconds)
        TorchRuntime.configure(threads: job.threads)
        let size = job.task == .detection ? Self.detectionSize : Self.classificationSize
        let data = try SplitData(job: job, size: size)
        for skipped in data.skipped {
            events.progress(
                TrainerProgress(
                    spentMilliNodeHours: budget.spentMilliNodeHours, percent: budget.percent,
                    note: "left out \(skipped.path): \(skipped.reason)"))
        }
        let output = URL(fileURLWithPath: job.outputDirectory)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        // The evaluation is on TEST only: VALIDATION chose the model, so its scores would flatter it. With no
        // TEST image the model has no evaluation.
        let test = data.test
        switch job.task {
        case .classification:
            guard
                let found = try ClassifierSearch(job: job, data: data, budget: budget, stop: stop, events: events).run()
            else { return nil }
            let scores = try found.model.predict(test)
            let evaluated = zip(test.exampleIndices, scores).map { EvaluatedExample(example: $0, scores: $1) }
            try found.model.save(to: output.appendingPathComponent(ModelFolder.weightsFile))
            return try finish(job, found: found, evaluated: evaluated, budget: budget, output: output)
        case .detection:
            guard let found = try DetectorSearch(job: job, data: data, budget: budget, stop: stop, events: events).run()
            else { return nil }
            let boxes = try DetectorPredictions(data: data).boxes(of: found.model, in: test)
            let evaluated = zip(test.exampleIndices, boxes).map { EvaluatedExample(example: $0, boxes: $1) }
            try found.model.save(to: output.appendingPathComponent(ModelFolder.weightsFile))
            return try finish(job, found: found, evaluated: evaluated, budget: budget, output: output)
        }
    }

    private func finish<Model>(
        _ job: TrainerJob, found: SearchResult<Model>, evaluated: [EvaluatedExample],
        budget: Budget, output: URL
    ) throws -> TrainerResult {
        let description = ModelDescription(
            task: job.task, multiLabel: job.multiLabel, labels: job.labels,
            weightsFile: ModelFolder.weightsFile, inputSize: found.inputSize,
            candidate: found.candidate, validationScore: found.validationScore)
        try ModelFolder.write(description, to: output)
        return TrainerResult(
            stopReason: found.stopReason, costMilliNodeHours: budget.spentMilliNodeHours,
            modelDirectory: output.path, candidate: found.candidate,
            validationScore: found.validationScore, evaluated: evaluated)
    }
}
