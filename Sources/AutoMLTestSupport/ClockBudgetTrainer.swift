package import AutoMLClient
package import AutoMLEmulator
package import AutoMLWorkerProtocol
import Foundation

/// A test double for the state machine and the HTTP surface: spends the whole budget on the (usually
/// manual) clock and produces no weights. Its models end with BUDGET_REACHED, have the evaluations the test
/// gives (none by default), and cannot predict. The product trains with ``WorkerTrainer``.
package struct ClockBudgetTrainer: Trainer {
    /// How many progress steps a run takes.
    package var steps: Int
    /// The evaluations a finished training stores, for tests of what reads them.
    package var evaluations: @Sendable (TrainingRequest) -> [ModelEvaluation]
    /// Whether a finished training leaves an (empty, fake) weights folder, so that its model can be deployed and be a
    /// base model (nothing can predict with it).
    package var leavesWeights: Bool
    /// When given, each step also reports an epoch of a made-up search over these candidates (the first half of the
    /// steps explores them in turn, the rest trains the last one, its learning rate lowered at three quarters), so
    /// that what shows the training log has one to show; none are reported without.
    package var candidates: [String]

    package init(
        steps: Int = 20, leavesWeights: Bool = false, candidates: [String] = [],
        evaluations: @escaping @Sendable (TrainingRequest) -> [ModelEvaluation] = { _ in [] }
    ) {
        self.steps = max(1, steps)
        self.leavesWeights = leavesWeights
        self.candidates = candidates
        self.evaluations = evaluations
    }

    package func train(
        _ job: TrainingRequest, clock: any EmulatorClock,
        report: @escaping @Sendable (TrainingProgress) async throws -> Void
    ) async throws -> TrainingOutcome {
        let budget = job.budgetMilliNodeHours
        let step = max(1, budget / Int64(steps))
        var spent = min(job.spentMilliNodeHours, budget)
        while spent < budget {
            let next = min(budget, spent + step)
            try await clock.sleep(for: job.nodeHour * (Double(next - spent) / 1000))
            spent = next
            try await report(
                TrainingProgress(
                    spentMilliNodeHours: spent, percent: Int32(spent * 100 / budget),
                    epoch: epoch(at: Int(spent / step) - 1)))
        }
        if leavesWeights {
            try FileManager.default.createDirectory(at: job.artifactDirectory, withIntermediateDirectories: true)
        }
        return TrainingOutcome(
            stopReason: TrainingOutcome.budgetReached, costMilliNodeHours: budget,
            evaluations: evaluations(job), artifactPath: leavesWeights ? job.artifactDirectory.path : nil)
    }
}

extension ClockBudgetTrainer {
    /// The made-up epoch of step `index` (see ``candidates``).
    private func epoch(at index: Int) -> TrainerEpoch? {
        guard !candidates.isEmpty, index >= 0 else { return nil }
        let exploring = max(1, steps / 2)
        let last = candidates.count - 1
        let candidate = { (step: Int) in step < exploring ? min(last, step * candidates.count / exploring) : last }
        let position = candidate(index)
        let epoch = (0...index).filter { candidate($0) == position }.count
        let score = 0.5 + 0.4 * (1 - 1 / Double(epoch + 1)) - 0.05 * Double(last - position)
        return TrainerEpoch(
            candidate: candidates[position], chosen: index >= exploring, epoch: epoch, loss: 1 / Double(epoch),
            validationScore: score, bestValidationScore: score,
            learningRate: index >= steps * 3 / 4 ? 0.0009 : 0.003, metric: "accuracy")
    }

    /// An overall evaluation and one per label of a training, each with the same made-up auPRC: what tests of what
    /// reads evaluations need.
    package static func labelEvaluations(_ job: TrainingRequest, auPrc: Float = 0.75) -> [ModelEvaluation] {
        ([("", "")] + zip(job.annotationSpecIDs, job.labels).map { ($0, $1) }).map { spec, label in
            var evaluation = ModelEvaluation()
            evaluation.annotationSpecId = spec
            evaluation.displayName = label
            var metrics = ClassificationEvaluationMetrics()
            metrics.auPrc = auPrc
            evaluation.classificationEvaluationMetrics = metrics
            return evaluation
        }
    }
}
