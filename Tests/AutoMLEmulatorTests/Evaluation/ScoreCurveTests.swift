import Testing

@testable import AutoMLEmulator

/// The ranking arithmetic under every evaluation: hand-computed areas, ties, and the zero-denominator conventions.
@Suite struct ScoreCurveTests {
    @Test func perfectRankingHasFullAreas() {
        let curve = ScoreCurve(scores: [0.9, 0.3, 0.8, 0.1], isPositive: [true, false, true, false])
        expectClose(curve.areaUnderROC, 1)
        expectClose(curve.averagePrecision, 1)
        expectClose(curve.interpolatedAveragePrecision(relevant: 2), 1)
    }

    @Test func invertedRankingHasNoROCArea() {
        let curve = ScoreCurve(scores: [0.1, 0.2, 0.8, 0.9], isPositive: [true, true, false, false])
        expectClose(curve.areaUnderROC, 0)
        // Positives found at ranks 3 and 4: (1/3 + 2/4) / 2.
        expectClose(curve.averagePrecision, 5.0 / 12)
    }

    @Test func tiesAreAveraged() {
        let allTied = ScoreCurve(scores: [0.5, 0.5, 0.5, 0.5], isPositive: [true, false, true, false])
        expectClose(allTied.areaUnderROC, 0.5)
        expectClose(allTied.averagePrecision, 0.5)
        // One tie between a positive and a negative counts half a pair: (1 + 1 + 0.5 + 1) / 4.
        let oneTie = ScoreCurve(scores: [0.9, 0.5, 0.5, 0.1], isPositive: [true, true, false, false])
        expectClose(oneTie.areaUnderROC, 0.875)
        expectClose(oneTie.averagePrecision, (1 + 2.0 / 3) / 2)
        // The order of tied items does not matter.
        let reordered = ScoreCurve(scores: [0.9, 0.5, 0.5, 0.1], isPositive: [true, false, true, false])
        expectClose(reordered.areaUnderROC, 0.875)
        expectClose(reordered.averagePrecision, (1 + 2.0 / 3) / 2)
    }

    @Test func undefinedAreasAreZero() {
        let noPositives = ScoreCurve(scores: [0.9, 0.1], isPositive: [false, false])
        expectClose(noPositives.areaUnderROC, 0)
        expectClose(noPositives.averagePrecision, 0)
        let noNegatives = ScoreCurve(scores: [0.9, 0.1], isPositive: [true, true])
        expectClose(noNegatives.areaUnderROC, 0)
        expectClose(noNegatives.averagePrecision, 1)
        let empty = ScoreCurve(scores: [], isPositive: [])
        expectClose(empty.areaUnderROC, 0)
        expectClose(empty.interpolatedAveragePrecision(relevant: 3), 0)
    }

    @Test func thresholdsAreInclusive() {
        let curve = ScoreCurve(scores: [0.9, 0.5, 0.5, 0.1], isPositive: [true, true, false, false])
        #expect(curve.countsAtOrAbove(0.5) == (2, 1))
        #expect(curve.countsAtOrAbove(0.50001) == (1, 0))
        #expect(curve.countsAtOrAbove(0.95) == (0, 0))
        #expect(curve.countsAtOrAbove(0) == (2, 2))
        let counts = curve.binaryCounts(atOrAbove: 0.5)
        #expect(counts == BinaryCounts(truePositives: 2, falsePositives: 1, falseNegatives: 0, trueNegatives: 1))
    }

    @Test func interpolationTakesTheBestPrecisionToTheRight() {
        // Hit, miss, hit, with a third object never found: precisions 1, 1/2, 2/3 → envelope 1, 2/3, 2/3.
        let curve = ScoreCurve(scores: [0.9, 0.8, 0.7], isPositive: [true, false, true])
        expectClose(curve.interpolatedAveragePrecision(relevant: 3), (1 + 2.0 / 3) / 3)
    }

    @Test func emptyDenominatorConventions() {
        let nothing = BinaryCounts(truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0)
        expectClose(nothing.precision, 1)
        expectClose(nothing.recall, 0)
        expectClose(nothing.falsePositiveRate, 0)
        expectClose(nothing.f1Score, 0)
        let half = BinaryCounts(truePositives: 1, falsePositives: 1, falseNegatives: 1, trueNegatives: 3)
        expectClose(half.precision, 0.5)
        expectClose(half.recall, 0.5)
        expectClose(half.falsePositiveRate, 0.25)
        expectClose(half.f1Score, 0.5)
    }

    @Test func thresholdListsMatchTheReference() {
        let classification = EvaluationThresholds.classificationConfidence.map(\.hundredths)
        #expect(
            classification == [
                0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95,
                96, 97, 98, 99,
            ])
        #expect(EvaluationThresholds.detectionConfidence.map(\.hundredths) == Array(classification.dropFirst()))
        #expect(EvaluationThresholds.intersectionOverUnion == EvaluationThresholds.detectionConfidence)
        #expect(EvaluationThresholds.classificationConfidence[1].value == 0.05)
        #expect(EvaluationThresholds.classificationConfidence[1].cutoff == 0.05)
    }
}
