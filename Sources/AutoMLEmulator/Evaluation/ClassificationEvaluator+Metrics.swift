import AutoMLWire
import Foundation

extension ClassificationEvaluator {
    /// The metrics message of one binary problem: `curve` holds all its items, `top` the top-1 predictions among
    /// them (counted out of the same positives and negatives).
    func metrics(
        curve: ScoreCurve, top: ScoreCurve, logLoss: Double,
        annotationSpecIds: [String]
    ) -> ClassificationEvaluationMetrics {
        var metrics = ClassificationEvaluationMetrics()
        metrics.auPrc = Float(curve.averagePrecision)
        metrics.auRoc = Float(curve.areaUnderROC)
        metrics.logLoss = Float(logLoss)
        metrics.annotationSpecId = annotationSpecIds
        metrics.confidenceMetricsEntry = EvaluationThresholds.classificationConfidence.map { threshold in
            let all = curve.binaryCounts(atOrAbove: threshold.cutoff)
            let atOne = top.binaryCounts(
                atOrAbove: threshold.cutoff, positives: curve.positives,
                negatives: curve.negatives)
            var entry = ClassificationEvaluationMetrics.ConfidenceMetricsEntry()
            entry.confidenceThreshold = threshold.value
            entry.positionThreshold = Int32.max
            entry.recall = Float(all.recall)
            entry.precision = Float(all.precision)
            entry.falsePositiveRate = Float(all.falsePositiveRate)
            entry.f1Score = Float(all.f1Score)
            entry.recallAt1 = Float(atOne.recall)
            entry.precisionAt1 = Float(atOne.precision)
            entry.falsePositiveRateAt1 = Float(atOne.falsePositiveRate)
            entry.f1ScoreAt1 = Float(atOne.f1Score)
            entry.truePositiveCount = Int64(all.truePositives)
            entry.falsePositiveCount = Int64(all.falsePositives)
            entry.falseNegativeCount = Int64(all.falseNegatives)
            entry.trueNegativeCount = Int64(all.trueNegatives)
            return entry
        }
        return metrics
    }

    /// `row[i].exampleCount[j]`: examples whose true label is `i` and whose top label is `j`.
    func confusionMatrix(
        _ examples: [Example],
        _ table: ScoreTable
    ) -> ClassificationEvaluationMetrics.ConfusionMatrix {
        var counts = [[Int32]](repeating: [Int32](repeating: 0, count: labels.count), count: labels.count)
        for (row, example) in examples.enumerated() {
            guard let truth = example.truth.min() else { continue }
            counts[truth][table.top[row].label] += 1
        }
        var matrix = ClassificationEvaluationMetrics.ConfusionMatrix()
        matrix.annotationSpecId = labels.map(\.annotationSpecId)
        matrix.displayName = labels.map(\.displayName)
        matrix.row = counts.map(ClassificationEvaluationMetrics.ConfusionMatrix.Row.init(exampleCount:))
        return matrix
    }

    /// The overall log loss: −log p(true label) averaged over the examples that have one (single-label), or the
    /// binary log loss averaged over every (example, label) pair (multi-label, the mean over examples of the mean
    /// over labels).
    func overallLogLoss(_ examples: [Example], _ table: ScoreTable) -> Double {
        guard !multiLabel else { return meanBinaryLogLoss(table.scores, table.truth) }
        var sum = 0.0
        var count = 0
        for example in examples {
            guard let truth = example.truth.min() else { continue }
            sum -= log(clipped(example.scores[truth]))
            count += 1
        }
        return count == 0 ? 0 : sum / Double(count)
    }

    /// The mean of −[y·log p + (1 − y)·log(1 − p)].
    func meanBinaryLogLoss(_ scores: [Double], _ truth: [Bool]) -> Double {
        guard !scores.isEmpty else { return 0 }
        var sum = 0.0
        for (score, positive) in zip(scores, truth) {
            let probability = clipped(score)
            sum -= positive ? log(probability) : log(1 - probability)
        }
        return sum / Double(scores.count)
    }

    private func clipped(_ probability: Double) -> Double {
        min(max(probability, logLossEpsilon), 1 - logLossEpsilon)
    }
}
