package import Foundation

/// What the local backend's trainer did in a training, as `GET …/operations/ID:trainingLog` and
/// `GET …/trainingPipelines/ID:trainingLog` answer it (an extension of the local backend, docs/emulator.md): each candidate of the search with its epochs and
/// validation scores, the one kept, the learning-rate drops and why training stopped. Google's operation JSON is
/// left as it is; official clients never see this.
///
/// ```json
/// {"metric": "accuracy", "budgetMilliNodeHours": 8000, "spentMilliNodeHours": 3100,
///  "candidates": [{"name": "linear features @64", "chosen": false, "epochs": 4, "bestValidationScore": 0.81,
///                  "learningRate": 0.003, "validationScores": [0.6, 0.75, 0.81, 0.8], "learningRateDrops": []}],
///  "stopReason": "BUDGET_REACHED"}
/// ```
package struct TrainingLog: Codable, Sendable, Hashable {
    /// What the validation scores measure (`accuracy`, `micro F1 at 0.5`, `mAP at IoU 0.5`); nil before the first
    /// epoch.
    package var metric: String?
    package var budgetMilliNodeHours: Int64
    package var spentMilliNodeHours: Int64
    /// In the order the search tried them.
    package var candidates: [Candidate]
    /// `BUDGET_REACHED` or `MODEL_CONVERGED`, once the trainer finished.
    package var stopReason: String?

    package struct Candidate: Codable, Sendable, Hashable {
        package var name: String
        /// The one the search kept and trained for the rest of the budget.
        package var chosen: Bool
        package var epochs: Int
        package var bestValidationScore: Double?
        /// The learning rate of its last epoch.
        package var learningRate: Double?
        /// The validation score of each epoch, the latest ``TrainingLog/keptScores`` at most.
        package var validationScores: [Double]
        /// The epochs after which the learning rate was lowered.
        package var learningRateDrops: [Int]

        package init(name: String) {
            self.name = name
            chosen = false
            epochs = 0
            validationScores = []
            learningRateDrops = []
        }
    }

    /// How many validation scores a candidate keeps (its chart shows the latest).
    package static let keptScores = 120

    package init(budgetMilliNodeHours: Int64, spentMilliNodeHours: Int64 = 0) {
        self.budgetMilliNodeHours = budgetMilliNodeHours
        self.spentMilliNodeHours = spentMilliNodeHours
        candidates = []
    }

    /// The candidate training now: the last one that finished an epoch.
    package var current: Candidate? { candidates.last }

    /// Adds a finished epoch of a candidate.
    package mutating func record(
        candidate name: String, chosen: Bool, epoch: Int, validationScore: Double, bestValidationScore: Double,
        learningRate: Double, metric: String, spentMilliNodeHours: Int64
    ) {
        self.metric = metric
        self.spentMilliNodeHours = max(self.spentMilliNodeHours, spentMilliNodeHours)
        // The kept candidate goes on after the others: it moves to the end, so the last one is the one training.
        var entry = Candidate(name: name)
        if let index = candidates.lastIndex(where: { $0.name == name }) { entry = candidates.remove(at: index) }
        if let previous = entry.learningRate, learningRate < previous * 0.999 {
            entry.learningRateDrops.append(entry.epochs)
        }
        entry.chosen = entry.chosen || chosen
        entry.epochs = epoch
        entry.learningRate = learningRate
        entry.bestValidationScore = bestValidationScore.isFinite ? bestValidationScore : entry.bestValidationScore
        if validationScore.isFinite { entry.validationScores.append(validationScore) }
        if entry.validationScores.count > Self.keptScores {
            entry.validationScores.removeFirst(entry.validationScores.count - Self.keptScores)
        }
        candidates.append(entry)
    }
}
