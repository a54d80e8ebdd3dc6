import AutoMLClient
import AutoMLWorkerProtocol
import Testing

@testable import AutoMLEmulator

/// Detection metrics on small TEST splits computed by hand.
@Suite struct DetectionEvaluatorTests {
    typealias Image = DetectionEvaluator.Image
    typealias Truth = DetectionEvaluator.TruthBox
    typealias Predicted = DetectionEvaluator.PredictedBox

    static let square = EvaluationBox(xMin: 0, yMin: 0, xMax: 0.5, yMax: 0.5)
    static let corner = EvaluationBox(xMin: 0.6, yMin: 0.6, xMax: 0.9, yMax: 0.8)

    private func evaluate(_ images: [Image], labels: Int = 2) throws -> ModelEvaluationSet {
        try #require(try DetectionEvaluator(labels: evaluationLabels(labels)).evaluate(images))
    }

    @Test func intersectionOverUnion() {
        let shorter = EvaluationBox(xMin: 0, yMin: 0, xMax: 0.5, yMax: 0.31)
        expectClose(Self.square.intersectionOverUnion(with: shorter), 0.62)
        expectClose(Self.square.intersectionOverUnion(with: Self.square), 1)
        expectClose(Self.square.intersectionOverUnion(with: Self.corner), 0)
        let point = EvaluationBox(xMin: 0.2, yMin: 0.2, xMax: 0.2, yMax: 0.2)
        expectClose(point.intersectionOverUnion(with: point), 0)
    }

    @Test func perfectBoxesHaveFullPrecisionAtEveryIoU() throws {
        let set = try evaluate([
            Image(
                truth: [Truth(label: 0, box: Self.square), Truth(label: 1, box: Self.corner)],
                predictions: [
                    Predicted(label: 0, score: 0.9, box: Self.square),
                    Predicted(label: 1, score: 0.8, box: Self.corner),
                ]),
            Image(
                truth: [Truth(label: 1, box: Self.square)],
                predictions: [Predicted(label: 1, score: 0.7, box: Self.square)]),
        ])
        let metrics = try #require(set.overall.imageObjectDetectionEvaluationMetrics)
        #expect(metrics.evaluatedBoundingBoxCount == 3)
        #expect(metrics.boundingBoxMetricsEntries.count == 23)
        #expect(metrics.boundingBoxMetricsEntries.last?.iouThreshold == 0.99)
        for entry in metrics.boundingBoxMetricsEntries {
            expectClose(entry.meanAveragePrecision, 1, "IoU \(entry.iouThreshold)")
            #expect(entry.confidenceMetricsEntries.count == 23)
        }
        expectClose(metrics.boundingBoxMeanAveragePrecision, 1)
        let entry = try #require(metrics.entry(atIoUHundredths: 50))
        let low = try #require(entry.confidence(atHundredths: 70))
        expectClose(low.recall, 1)
        expectClose(low.precision, 1)
        expectClose(low.f1Score, 1)
        // Only the 0.9 and 0.8 boxes remain at 0.75; none at 0.95, where precision is 1 by convention.
        let middle = try #require(entry.confidence(atHundredths: 75))
        expectClose(middle.recall, 2.0 / 3)
        expectClose(middle.precision, 1)
        let high = try #require(entry.confidence(atHundredths: 95))
        expectClose(high.recall, 0)
        expectClose(high.precision, 1)
        expectClose(high.f1Score, 0)
    }

    @Test func overlapCountsOnlyUpToItsIoU() throws {
        let shorter = EvaluationBox(xMin: 0, yMin: 0, xMax: 0.5, yMax: 0.31)  // IoU 0.62 with the square
        let set = try evaluate([
            Image(
                truth: [Truth(label: 0, box: Self.square)],
                predictions: [Predicted(label: 0, score: 0.9, box: shorter)])
        ])
        let metrics = try #require(set.overall.imageObjectDetectionEvaluationMetrics)
        expectClose(try #require(metrics.entry(atIoUHundredths: 50)).meanAveragePrecision, 1)
        expectClose(try #require(metrics.entry(atIoUHundredths: 60)).meanAveragePrecision, 1)
        expectClose(try #require(metrics.entry(atIoUHundredths: 65)).meanAveragePrecision, 0)
        let strict = try #require(metrics.entry(atIoUHundredths: 70))
        expectClose(strict.meanAveragePrecision, 0)
        let confidence = try #require(strict.confidence(atHundredths: 50))
        expectClose(confidence.recall, 0)
        expectClose(confidence.precision, 0)
        // Matches at the 12 thresholds 0.05 … 0.60 of 23.
        expectClose(metrics.boundingBoxMeanAveragePrecision, 12.0 / 23)
    }

    @Test func duplicatePredictionsAreFalsePositives() throws {
        let set = try evaluate([
            Image(
                truth: [Truth(label: 0, box: Self.square)],
                predictions: [
                    Predicted(label: 0, score: 0.8, box: Self.square),
                    Predicted(label: 0, score: 0.9, box: Self.square),
                ])
        ])
        let entry = try #require(set.overall.imageObjectDetectionEvaluationMetrics?.entry(atIoUHundredths: 50))
        // The 0.9 box finds the object; the 0.8 duplicate is a false positive after full recall, so AP stays 1.
        expectClose(entry.meanAveragePrecision, 1)
        let above = try #require(entry.confidence(atHundredths: 85))
        expectClose(above.precision, 1)
        expectClose(above.recall, 1)
        let both = try #require(entry.confidence(atHundredths: 50))
        expectClose(both.precision, 0.5)
        expectClose(both.recall, 1)
        expectClose(both.f1Score, 2.0 / 3)
    }

    @Test func higherScoreMatchesFirst() throws {
        let shorter = EvaluationBox(xMin: 0, yMin: 0, xMax: 0.5, yMax: 0.31)
        let set = try evaluate([
            Image(
                truth: [Truth(label: 0, box: Self.square)],
                predictions: [
                    Predicted(label: 0, score: 0.6, box: Self.square),
                    Predicted(label: 0, score: 0.9, box: shorter),
                ])
        ])
        // At IoU 0.5 the 0.9 box takes the object though the 0.6 one fits better: AP 1.
        let loose = try #require(set.overall.imageObjectDetectionEvaluationMetrics?.entry(atIoUHundredths: 50))
        expectClose(loose.meanAveragePrecision, 1)
        // At 0.7 the 0.9 box misses, so the 0.6 one finds it second: precision 1/2 at full recall.
        let strict = try #require(set.overall.imageObjectDetectionEvaluationMetrics?.entry(atIoUHundredths: 70))
        expectClose(strict.meanAveragePrecision, 0.5)
    }

    @Test func wrongLabelNeverMatches() throws {
        let set = try evaluate([
            Image(
                truth: [Truth(label: 0, box: Self.square)],
                predictions: [Predicted(label: 1, score: 0.9, box: Self.square)])
        ])
        let metrics = try #require(set.overall.imageObjectDetectionEvaluationMetrics)
        for entry in metrics.boundingBoxMetricsEntries {
            expectClose(entry.meanAveragePrecision, 0, "IoU \(entry.iouThreshold)")
        }
        let confidence = try #require(metrics.entry(atIoUHundredths: 5)?.confidence(atHundredths: 50))
        expectClose(confidence.precision, 0)
        expectClose(confidence.recall, 0)
        // Label b has no ground truth: it is left out of the overall mean, and its own AP is 0.
        let labelB = try #require(set.perLabel[1].imageObjectDetectionEvaluationMetrics)
        #expect(labelB.evaluatedBoundingBoxCount == 0)
        expectClose(labelB.boundingBoxMeanAveragePrecision, 0)
    }

    @Test func missedObjectsLowerAveragePrecision() throws {
        let set = try evaluate([
            Image(
                truth: [Truth(label: 0, box: Self.square), Truth(label: 0, box: Self.corner)],
                predictions: [Predicted(label: 0, score: 0.9, box: Self.square)]),
            Image(
                truth: [Truth(label: 1, box: Self.corner)],
                predictions: [Predicted(label: 1, score: 0.8, box: Self.corner)]),
        ])
        let entry = try #require(set.overall.imageObjectDetectionEvaluationMetrics?.entry(atIoUHundredths: 50))
        // Label a finds 1 of 2 at precision 1 (AP 0.5), label b 1 of 1 (AP 1).
        expectClose(entry.meanAveragePrecision, 0.75)
        expectClose(try #require(entry.confidence(atHundredths: 50)).recall, 2.0 / 3)
        let labelA = try #require(set.perLabel[0].imageObjectDetectionEvaluationMetrics?.entry(atIoUHundredths: 50))
        expectClose(labelA.meanAveragePrecision, 0.5)
        expectClose(try #require(labelA.confidence(atHundredths: 50)).recall, 0.5)
    }

    @Test func perLabelEvaluations() throws {
        let set = try evaluate(
            [
                Image(truth: [Truth(label: 0, box: Self.square), Truth(label: 0, box: Self.corner)], predictions: []),
                Image(truth: [Truth(label: 0, box: Self.square), Truth(label: 1, box: Self.corner)], predictions: []),
                Image(truth: [], predictions: []),
            ], labels: 3)
        #expect(set.overall.evaluatedExampleCount == 3)
        #expect(set.overall.annotationSpecId.isEmpty)
        #expect(set.overall.imageObjectDetectionEvaluationMetrics?.evaluatedBoundingBoxCount == 4)
        #expect(set.perLabel.map(\.annotationSpecId) == ["100", "101", "102"])
        #expect(set.perLabel.map(\.displayName) == ["a", "b", "c"])
        #expect(set.perLabel.map(\.evaluatedExampleCount) == [2, 1, 0])
        #expect(set.perLabel.map { $0.imageObjectDetectionEvaluationMetrics?.evaluatedBoundingBoxCount } == [3, 1, 0])
    }

    @Test func largeSplitHasMonotoneRecall() throws {
        var generator = SplitMix64(seed: 11)
        func unit() -> Double { Double(generator.next() % 10_000) / 10_000 }
        func box() -> EvaluationBox {
            let x = unit() * 0.7
            let y = unit() * 0.7
            return EvaluationBox(xMin: x, yMin: y, xMax: x + 0.1 + unit() * 0.2, yMax: y + 0.1 + unit() * 0.2)
        }
        let images = (0..<1000).map { _ in
            let truth = (0..<5).map { _ in Truth(label: Int(generator.next() % 20), box: box()) }
            // Each object found by a jittered box, plus noise boxes.
            var predictions = truth.map { truth in
                var near = truth.box
                near.xMin += (unit() - 0.5) * 0.05
                near.yMax += (unit() - 0.5) * 0.05
                return Predicted(label: truth.label, score: unit(), box: near)
            }
            predictions += (0..<45).map { _ in Predicted(label: Int(generator.next() % 20), score: unit(), box: box()) }
            return Image(truth: truth, predictions: predictions)
        }
        let set = try evaluate(images, labels: 20)
        let metrics = try #require(set.overall.imageObjectDetectionEvaluationMetrics)
        #expect(metrics.evaluatedBoundingBoxCount == 5000)
        for entry in metrics.boundingBoxMetricsEntries {
            let recalls = entry.confidenceMetricsEntries.map(\.recall)
            #expect(recalls == recalls.sorted(by: >), "IoU \(entry.iouThreshold)")
        }
        let loosest = try #require(metrics.boundingBoxMetricsEntries.first?.meanAveragePrecision)
        let strictest = try #require(metrics.boundingBoxMetricsEntries.last?.meanAveragePrecision)
        #expect(loosest > 0.1 && loosest > strictest)
    }

    @Test func emptyTestSplitEvaluatesNothing() throws {
        #expect(try DetectionEvaluator(labels: evaluationLabels(1)).evaluate([]) == nil)
    }

    @Test func malformedPredictionsAreRefused() {
        let evaluator = DetectionEvaluator(labels: evaluationLabels(1))
        #expect(throws: EvaluationInputError("image 0 has a box of label 1 of 1 labels")) {
            try evaluator.evaluate([Image(truth: [], predictions: [Predicted(label: 1, score: 0.5, box: Self.square)])])
        }
        #expect(throws: EvaluationInputError.self) {
            try evaluator.evaluate([
                Image(truth: [], predictions: [Predicted(label: 0, score: .nan, box: Self.square)])
            ])
        }
    }
}
