import AutoMLClient
import AutoMLEmulator
import Foundation

/// A trainer whose course the test sets: it spends budget on the clock in steps, converges at a given
/// spend when early stopping is on, or fails at a given spend.
struct ScriptedTrainer: Trainer {
    var stepMilliNodeHours: Int64 = 1000
    var convergeAt: Int64?
    var failAt: Int64?

    func train(
        _ job: TrainingRequest, clock: any EmulatorClock,
        report: @escaping @Sendable (TrainingProgress) async throws -> Void
    ) async throws -> TrainingOutcome {
        var spent = job.spentMilliNodeHours
        while spent < job.budgetMilliNodeHours {
            if let failAt, spent >= failAt { throw TrainingFailure("scripted failure at \(spent)") }
            if job.earlyStopping, let convergeAt, spent >= convergeAt {
                return TrainingOutcome(stopReason: TrainingOutcome.modelConverged, costMilliNodeHours: spent)
            }
            let next = min(job.budgetMilliNodeHours, spent + stepMilliNodeHours)
            try await clock.sleep(for: job.nodeHour * (Double(next - spent) / 1000))
            spent = next
            try await report(
                TrainingProgress(
                    spentMilliNodeHours: spent,
                    percent: Int32(spent * 100 / job.budgetMilliNodeHours)))
        }
        return TrainingOutcome(stopReason: TrainingOutcome.budgetReached, costMilliNodeHours: spent)
    }
}
