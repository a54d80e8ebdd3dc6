import AutoMLWire
import AutoMLWorkerProtocol
import Foundation

/// Trains for real: starts `automl-trainer train` for the operation with a JSON job, follows its
/// JSON-lines progress, and turns its held-out predictions into the model's evaluations. Cancelling the
/// operation stops the worker (SIGTERM, then SIGKILL after a second) and leaves no model; a worker that
/// crashes ends the operation with an error that says so.
package struct WorkerTrainer: Trainer {
    package var locator: WorkerLocator
    /// Torch threads of a training worker.
    package var threads: Int
    /// Seeds the search: the same data, budget and seed give the same model.
    package var seed: UInt64

    package init(locator: WorkerLocator = WorkerLocator(), threads: Int = 2, seed: UInt64 = 1) {
        self.locator = locator
        self.threads = threads
        self.seed = seed
    }

    package func train(
        _ request: TrainingRequest, clock: any EmulatorClock,
        report: @escaping @Sendable (TrainingProgress) async throws -> Void
    ) async throws -> TrainingOutcome {
        let executable: URL
        do {
            executable = try locator.locate()
        } catch {
            throw TrainingFailure(error.description)
        }
        let files = FileManager.default
        let output = request.artifactDirectory
        try? files.removeItem(at: output)
        let workFolder = output.deletingLastPathComponent().appendingPathComponent(".work-\(request.modelID)")
        try files.createDirectory(at: workFolder, withIntermediateDirectories: true)
        defer { try? files.removeItem(at: workFolder) }
        let job = trainerJob(request, output: output)
        let jobFile = workFolder.appendingPathComponent("job.json")
        try JSONEncoder().encode(job).write(to: jobFile)
        let worker = try WorkerProcess(
            executable: executable, arguments: ["train", jobFile.path],
            logFile: workFolder.appendingPathComponent("trainer.log"))
        var result: TrainerResult?
        var failure: String?
        do {
            try await withTaskCancellationHandler {
                for await line in worker.lines {
                    guard let event = try? JSONDecoder().decode(TrainerEvent.self, from: Data(line.utf8)) else {
                        continue
                    }
                    switch event {
                    case .progress(let progress):
                        try await report(
                            TrainingProgress(
                                spentMilliNodeHours: progress.spentMilliNodeHours,
                                percent: Int32(clamping: progress.percent), epoch: progress.epoch))
                    case .result(let value): result = value
                    case .failure(let message): failure = message
                    }
                }
            } onCancel: {
                worker.stop()
            }
        } catch {
            worker.stop()
            _ = await worker.waitUntilExit()
            try? files.removeItem(at: output)
            throw error
        }
        let exit = await worker.waitUntilExit()
        if Task.isCancelled {
            try? files.removeItem(at: output)
            throw CancellationError()
        }
        guard let result, exit == .status(0) else {
            try? files.removeItem(at: output)
            throw TrainingFailure(failureMessage(exit: exit, failure: failure, log: worker.logTail()))
        }
        let evaluations = try evaluations(of: result, request: request, job: job)
        if !request.isDetection { try writeTestPredictions(of: result, request: request) }
        return TrainingOutcome(
            stopReason: result.stopReason,
            costMilliNodeHours: min(result.costMilliNodeHours, request.budgetMilliNodeHours),
            evaluations: evaluations, artifactPath: result.modelDirectory)
    }

    private func trainerJob(_ request: TrainingRequest, output: URL) -> TrainerJob {
        let index = Dictionary(uniqueKeysWithValues: request.labels.enumerated().map { ($1, $0) })
        let examples = request.examples.compactMap { example -> TrainerJob.Example? in
            guard let split = TrainerJob.Split(rawValue: example.mlUse) else { return nil }
            return TrainerJob.Example(
                path: example.filePath, split: split, labels: example.labels.compactMap { index[$0] },
                boxes: example.boxes.compactMap { box in
                    index[box.label].map {
                        Box(label: $0, xMin: box.xMin, yMin: box.yMin, xMax: box.xMax, yMax: box.yMax)
                    }
                })
        }
        return TrainerJob(
            task: request.isDetection ? .detection : .classification, multiLabel: request.multiLabel,
            labels: request.labels, examples: examples, budgetMilliNodeHours: request.budgetMilliNodeHours,
            spentMilliNodeHours: request.spentMilliNodeHours,
            nodeHourSeconds: request.nodeHour.seconds, earlyStopping: request.earlyStopping,
            baseModelDirectory: request.baseArtifactPath, outputDirectory: output.path, seed: seed,
            threads: threads)
    }

    /// The TEST images with the model's scores, beside its weights (`…/models/M:testPredictions` serves them).
    private func writeTestPredictions(of result: TrainerResult, request: TrainingRequest) throws {
        let testing = request.examples.filter { $0.mlUse == TrainerJob.Split.test.rawValue }
        guard !testing.isEmpty else { return }
        // The job holds the examples with a split in order; `evaluated` indexes them.
        let inJob = request.examples.filter { TrainerJob.Split(rawValue: $0.mlUse) != nil }
        let images = result.evaluated.compactMap { evaluated -> TestPredictions.Image? in
            guard inJob.indices.contains(evaluated.example), let scores = evaluated.scores else { return nil }
            let example = inJob[evaluated.example]
            return TestPredictions.Image(uri: example.uri, labels: example.labels, scores: scores.map(Double.init))
        }
        let predictions = TestPredictions(labels: request.labels, multiLabel: request.multiLabel, images: images)
        try JSONEncoder().encode(predictions).write(
            to: URL(fileURLWithPath: result.modelDirectory).appendingPathComponent(TestPredictions.fileName))
    }

    private func failureMessage(exit: WorkerExit, failure: String?, log: String) -> String {
        if let failure { return "training failed: \(failure)" }
        let how =
            switch exit {
            case .signal(let number): "was killed by signal \(number)"
            case .status(let status): "exited with status \(status) without a result"
            }
        return "the trainer worker \(how)" + (log.isEmpty ? "" : "; its last output: \(log)")
    }

    /// The overall and per-label evaluations from the worker's predictions on the held-out split.
    private func evaluations(of result: TrainerResult, request: TrainingRequest, job: TrainerJob) throws
        -> [ModelEvaluation]
    {
        let labels = zip(request.annotationSpecIDs, request.labels).map {
            EvaluationLabel(annotationSpecId: $0, displayName: $1)
        }
        let set: ModelEvaluationSet?
        if request.isDetection {
            let images = result.evaluated.map { evaluated in
                DetectionEvaluator.Image(
                    truth: job.examples[evaluated.example].boxes.map {
                        .init(label: $0.label, box: $0.evaluationBox)
                    },
                    predictions: (evaluated.boxes ?? []).map {
                        .init(label: $0.label, score: $0.score ?? 0, box: $0.evaluationBox)
                    })
            }
            set = try DetectionEvaluator(labels: labels).evaluate(images)
        } else {
            let examples = result.evaluated.map {
                ClassificationEvaluator.Example(
                    truth: job.examples[$0.example].labels,
                    scores: ($0.scores ?? []).map(Double.init))
            }.filter { $0.scores.count == request.labels.count }
            set = try ClassificationEvaluator(labels: labels, multiLabel: request.multiLabel).evaluate(examples)
        }
        return set?.all ?? []
    }
}

extension Duration {
    /// The duration in seconds, fractions included.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
