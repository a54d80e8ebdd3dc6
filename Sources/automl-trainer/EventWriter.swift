internal import AutoMLWorkerProtocol
internal import CAutoMLTorch
import Foundation

/// Writes JSON lines to stdout, one per event, flushed at once so the local backend sees progress live.
struct EventWriter {
    private let encoder = JSONEncoder()

    func write(_ value: some Encodable) {
        guard var line = try? encoder.encode(value) else { return }
        line.append(0x0A)
        FileHandle.standardOutput.write(line)
    }

    func progress(_ progress: TrainerProgress) {
        write(TrainerEvent.progress(progress))
    }

    /// Progress after an epoch of a candidate: the budget spent, a note for logs, and the epoch for the training log.
    func epoch<Model>(of run: CandidateRun<Model>, budget: Budget, metric: String) {
        let loss = run.lastLoss.isFinite ? Double(run.lastLoss) : nil
        progress(
            TrainerProgress(
                spentMilliNodeHours: budget.spentMilliNodeHours, percent: budget.percent,
                note: "\(run.name): epoch \(run.epochs), loss \(run.lastLoss), best validation \(metric) "
                    + "\(run.bestScore)",
                epoch: TrainerEpoch(
                    candidate: run.name, chosen: run.chosen, epoch: run.epochs, loss: loss,
                    validationScore: run.lastScore, bestValidationScore: run.bestScore,
                    learningRate: Double(run.options.learning_rate), metric: metric)))
    }
}
