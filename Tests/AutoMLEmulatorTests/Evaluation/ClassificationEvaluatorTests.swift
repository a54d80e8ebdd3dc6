import AutoMLClient
import Foundation
import Testing

@testable import AutoMLEmulator

/// Classification metrics on small TEST splits computed by hand.
@Suite struct ClassificationEvaluatorTests {
    typealias Example = ClassificationEvaluator.Example

    /// Three classes, five examples: tops a, b, b, c, a against truths a, a, b, c, c.
    static let threeClass: [Example] = [
        Example(truth: [0], scores: [0.7, 0.2, 0.1]),
        Example(truth: [0], scores: [0.4, 0.5, 0.1]),
        Example(truth: [1], scores: [0.1, 0.8, 0.1]),
        Example(truth: [2], scores: [0.3, 0.3, 0.4]),
        Example(truth: [2], scores: [0.6, 0.1, 0.3]),
    ]

    private func evaluate(_ examples: [Example], labels: Int, multiLabel: Bool = false) throws -> ModelEvaluationSet {
        let evaluator = ClassificationEvaluator(labels: evaluationLabels(labels), multiLabel: multiLabel)
        return try #require(try evaluator.evaluate(examples))
    }

    @Test func perfectClassifierHasFullAreas() throws {
        let set = try evaluate(
            [
                Example(truth: [0], scores: [0.8, 0.1, 0.1]),
                Example(truth: [1], scores: [0.2, 0.7, 0.1]),
                Example(truth: [2], scores: [0.05, 0.05, 0.9]),
            ], labels: 3)
        let overall = try #require(set.overall.classificationEvaluationMetrics)
        expectClose(overall.auPrc, 1)
        expectClose(overall.auRoc, 1)
        for evaluation in set.perLabel {
            let metrics = try #require(evaluation.classificationEvaluationMetrics)
            expectClose(metrics.auPrc, 1, "\(evaluation.displayName)")
            expectClose(metrics.auRoc, 1, "\(evaluation.displayName)")
        }
        let diagonal = overall.confusionMatrix?.row.map(\.exampleCount)
        #expect(diagonal == [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    }

    @Test func invertedClassifierHasNoROCArea() throws {
        let set = try evaluate(
            [
                Example(truth: [0], scores: [0.2, 0.8]),
                Example(truth: [1], scores: [0.7, 0.3]),
            ], labels: 2)
        let overall = try #require(set.overall.classificationEvaluationMetrics)
        expectClose(overall.auRoc, 0)
        // Pairs ranked 0.8 ✗, 0.7 ✗, 0.3 ✓, 0.2 ✓: (1/3 + 2/4) / 2.
        expectClose(overall.auPrc, 5.0 / 12)
        #expect(overall.confusionMatrix?.row.map(\.exampleCount) == [[0, 1], [1, 0]])
    }

    @Test func uninformativeClassifierHasHalfROCArea() throws {
        let set = try evaluate(
            [
                Example(truth: [0], scores: [0.5, 0.5]),
                Example(truth: [1], scores: [0.5, 0.5]),
            ], labels: 2)
        let overall = try #require(set.overall.classificationEvaluationMetrics)
        expectClose(overall.auRoc, 0.5)
        expectClose(overall.auPrc, 0.5)
        // Equal scores: the top label is the lowest index.
        #expect(overall.confusionMatrix?.row.map(\.exampleCount) == [[1, 0], [1, 0]])
    }

    @Test func threeClassConfusionMatrix() throws {
        let set = try evaluate(Self.threeClass, labels: 3)
        let matrix = try #require(set.overall.classificationEvaluationMetrics?.confusionMatrix)
        #expect(matrix.annotationSpecId == ["100", "101", "102"])
        #expect(matrix.displayName == ["a", "b", "c"])
        #expect(matrix.row.map(\.exampleCount) == [[1, 1, 0], [0, 1, 0], [1, 0, 1]])
    }

    @Test func threeClassCountsAtThresholds() throws {
        let overall = try #require(try evaluate(Self.threeClass, labels: 3).overall.classificationEvaluationMetrics)
        #expect(overall.confidenceMetricsEntry.count == 24)
        #expect(overall.confidenceMetricsEntry.allSatisfy { $0.positionThreshold == Int32.max })

        // At 0.30, every pair scoring ≥ 0.3: 5 true (all positives), 4 false, 6 correctly left out.
        let low = try #require(overall.entry(atHundredths: 30))
        #expect(
            [low.truePositiveCount, low.falsePositiveCount, low.falseNegativeCount, low.trueNegativeCount]
                == [5, 4, 0, 6])
        expectClose(low.recall, 1)
        expectClose(low.precision, 5.0 / 9)
        expectClose(low.falsePositiveRate, 0.4)
        expectClose(low.f1Score, 2 * (5.0 / 9) / (1 + 5.0 / 9))

        // At 0.50: a 0.7 ✓, b 0.5 ✗, b 0.8 ✓, a 0.6 ✗.
        let middle = try #require(overall.entry(atHundredths: 50))
        #expect(
            [
                middle.truePositiveCount, middle.falsePositiveCount, middle.falseNegativeCount,
                middle.trueNegativeCount,
            ] == [2, 2, 3, 8])
        expectClose(middle.precision, 0.5)
        expectClose(middle.recall, 0.4)
        expectClose(middle.falsePositiveRate, 0.2)
        expectClose(middle.f1Score, 0.4 / 0.9)

        // At 0.00 everything is predicted; at 0.99 nothing is, and precision is 1 by convention.
        let zero = try #require(overall.entry(atHundredths: 0))
        #expect([zero.truePositiveCount, zero.falsePositiveCount] == [5, 10])
        let top = try #require(overall.entry(atHundredths: 99))
        #expect(
            [top.truePositiveCount, top.falsePositiveCount, top.falseNegativeCount, top.trueNegativeCount]
                == [0, 0, 5, 10])
        expectClose(top.precision, 1)
        expectClose(top.recall, 0)
    }

    @Test func atOneMetricsKeepOnlyTheTopLabel() throws {
        let set = try evaluate(Self.threeClass, labels: 3)
        let overall = try #require(set.overall.classificationEvaluationMetrics)
        // Tops at 0.30: a 0.7 ✓, b 0.5 ✗, b 0.8 ✓, c 0.4 ✓, a 0.6 ✗.
        let low = try #require(overall.entry(atHundredths: 30))
        expectClose(low.recallAt1, 0.6)
        expectClose(low.precisionAt1, 0.6)
        expectClose(low.falsePositiveRateAt1, 0.2)
        expectClose(low.f1ScoreAt1, 0.6)
        // At 0.45 the c top (0.4) drops out.
        let higher = try #require(overall.entry(atHundredths: 45))
        expectClose(higher.recallAt1, 0.4)
        expectClose(higher.precisionAt1, 0.5)

        // Label a is the top of examples 1 (true) and 5 (false); a has 2 positives and 3 negatives.
        let labelA = try #require(set.perLabel[0].classificationEvaluationMetrics?.entry(atHundredths: 30))
        expectClose(labelA.recallAt1, 0.5)
        expectClose(labelA.precisionAt1, 0.5)
        expectClose(labelA.falsePositiveRateAt1, 1.0 / 3)
    }

    @Test func perLabelEvaluationsAreBinaryProblems() throws {
        let set = try evaluate(Self.threeClass, labels: 3)
        #expect(set.perLabel.map(\.annotationSpecId) == ["100", "101", "102"])
        #expect(set.perLabel.map(\.displayName) == ["a", "b", "c"])
        #expect(set.perLabel.map(\.evaluatedExampleCount) == [2, 1, 2])
        #expect(set.overall.evaluatedExampleCount == 5)
        #expect(set.overall.annotationSpecId.isEmpty)
        #expect(set.overall.classificationEvaluationMetrics?.annotationSpecId == ["100", "101", "102"])
        #expect(set.all.count == 4)

        let a = try #require(set.perLabel[0].classificationEvaluationMetrics)
        #expect(a.annotationSpecId == ["100"])
        #expect(a.confusionMatrix == nil)
        // Positives 0.7, 0.4 against negatives 0.1, 0.3, 0.6: 5 of 6 pairs ordered.
        expectClose(a.auRoc, 5.0 / 6)
        // Ranked 0.7 ✓, 0.6 ✗, 0.4 ✓: (1 + 2/3) / 2.
        expectClose(a.auPrc, (1 + 2.0 / 3) / 2)
        let entry = try #require(a.entry(atHundredths: 30))
        #expect(
            [entry.truePositiveCount, entry.falsePositiveCount, entry.falseNegativeCount, entry.trueNegativeCount]
                == [2, 2, 0, 1])
        let expectedLoss = -(log(0.7) + log(0.4) + log(0.9) + log(0.7) + log(0.4)) / 5
        expectClose(a.logLoss, expectedLoss)
    }

    @Test func singleLabelLogLossIsTheTrueLabelsProbability() throws {
        let overall = try #require(try evaluate(Self.threeClass, labels: 3).overall.classificationEvaluationMetrics)
        expectClose(overall.logLoss, -(log(0.7) + log(0.4) + log(0.8) + log(0.4) + log(0.3)) / 5)
        // A probability of 0 is clipped to ε = 1e-7 rather than giving an infinite loss.
        let clipped = try #require(
            try evaluate([Example(truth: [1], scores: [1, 0])], labels: 2)
                .overall.classificationEvaluationMetrics)
        expectClose(clipped.logLoss, -log(1e-7))
    }

    @Test func multiLabel() throws {
        let set = try evaluate(
            [
                Example(truth: [0, 1], scores: [0.9, 0.6]),
                Example(truth: [0], scores: [0.8, 0.4]),
                Example(truth: [], scores: [0.2, 0.7]),
            ], labels: 2, multiLabel: true)
        let overall = try #require(set.overall.classificationEvaluationMetrics)
        #expect(overall.confusionMatrix == nil)
        let entry = try #require(overall.entry(atHundredths: 50))
        #expect(
            [entry.truePositiveCount, entry.falsePositiveCount, entry.falseNegativeCount, entry.trueNegativeCount]
                == [3, 1, 0, 2])
        // Tops: x 0.9 ✓, x 0.8 ✓, y 0.7 ✗, out of 3 positives and 3 negatives.
        expectClose(entry.recallAt1, 2.0 / 3)
        expectClose(entry.precisionAt1, 2.0 / 3)
        expectClose(entry.falsePositiveRateAt1, 1.0 / 3)
        // Positives 0.9, 0.6, 0.8 against 0.4, 0.2, 0.7: 8 of 9 pairs ordered.
        expectClose(overall.auRoc, 8.0 / 9)
        expectClose(overall.logLoss, -(log(0.9) + log(0.6) + log(0.8) + log(0.6) + log(0.8) + log(0.3)) / 6)
        #expect(set.perLabel.map(\.evaluatedExampleCount) == [2, 1])
        #expect(set.overall.evaluatedExampleCount == 3)
    }

    @Test func labelMissingFromTheTestSplit() throws {
        let set = try evaluate(
            [
                Example(truth: [0], scores: [0.9, 0.1]),
                Example(truth: [0], scores: [0.8, 0.2]),
            ], labels: 2)
        let missing = set.perLabel[1]
        #expect(missing.evaluatedExampleCount == 0)
        let metrics = try #require(missing.classificationEvaluationMetrics)
        expectClose(metrics.auPrc, 0)
        expectClose(metrics.auRoc, 0)
        let top = try #require(metrics.entry(atHundredths: 95))
        expectClose(top.precision, 1)
        expectClose(top.recall, 0)
        let bottom = try #require(metrics.entry(atHundredths: 0))
        expectClose(bottom.precision, 0)
        expectClose(bottom.falsePositiveRate, 1)
    }

    @Test func confusionMatrixOnlyUpToTenLabels() throws {
        func example(_ label: Int, of count: Int) -> Example {
            var scores = [Double](repeating: 0.01, count: count)
            scores[label] = 1 - 0.01 * Double(count - 1)
            return Example(truth: [label], scores: scores)
        }
        let ten = try evaluate((0..<10).map { example($0, of: 10) }, labels: 10)
        #expect(ten.overall.classificationEvaluationMetrics?.confusionMatrix?.row.count == 10)
        let eleven = try evaluate((0..<11).map { example($0, of: 11) }, labels: 11)
        #expect(eleven.overall.classificationEvaluationMetrics?.confusionMatrix == nil)
    }

    @Test func emptyTestSplitEvaluatesNothing() throws {
        let evaluator = ClassificationEvaluator(labels: evaluationLabels(2), multiLabel: false)
        #expect(try evaluator.evaluate([]) == nil)
    }

    @Test func malformedPredictionsAreRefused() {
        let evaluator = ClassificationEvaluator(labels: evaluationLabels(2), multiLabel: false)
        #expect(throws: EvaluationInputError("example 0 has 3 scores for 2 labels")) {
            try evaluator.evaluate([Example(truth: [0], scores: [0.1, 0.2, 0.7])])
        }
        #expect(throws: EvaluationInputError("example 1 has the true label 2 of 2 labels")) {
            try evaluator.evaluate([Example(truth: [0], scores: [0.5, 0.5]), Example(truth: [2], scores: [1, 0])])
        }
        #expect(throws: EvaluationInputError.self) {
            try evaluator.evaluate([Example(truth: [0], scores: [.nan, 0.5])])
        }
        #expect(throws: EvaluationInputError("there are no labels to evaluate")) {
            try ClassificationEvaluator(labels: [], multiLabel: false).evaluate([Example(truth: [], scores: [])])
        }
    }

    @Test func largeSplitCountsAddUp() throws {
        var generator = SplitMix64(seed: 7)
        let labels = 40
        let examples = (0..<3000).map { index -> Example in
            var scores = (0..<labels).map { _ in Double(generator.next() % 1000) / 1000 }
            let total = scores.reduce(0, +)
            scores = scores.map { $0 / total }
            return Example(truth: [index % labels], scores: scores)
        }
        let set = try evaluate(examples, labels: labels)
        #expect(set.perLabel.count == labels)
        for entry in try #require(set.overall.classificationEvaluationMetrics).confidenceMetricsEntry {
            let sum =
                entry.truePositiveCount + entry.falsePositiveCount + entry.falseNegativeCount
                + entry.trueNegativeCount
            #expect(sum == 3000 * Int64(labels))
        }
    }
}
