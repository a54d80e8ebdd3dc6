import AutoMLClient
import AutoMLWorkerProtocol
import Testing

@testable import AutoMLEmulator

/// The evaluations encode to the JSON of reference §3.7: the singular `confidenceMetricsEntry` list for
/// classification, the plural `confidenceMetricsEntries` for detection, int64 counts as strings.
@Suite struct EvaluationJSONTests {
    @Test func classificationShape() throws {
        let set = try #require(
            try ClassificationEvaluator(labels: evaluationLabels(3), multiLabel: false)
                .evaluate(ClassificationEvaluatorTests.threeClass))
        let overall = set.overall.protoJSON(options: .canonical)
        #expect(overall["annotationSpecId"] == nil)
        #expect(overall["displayName"] == nil)
        #expect(overall["evaluatedExampleCount"] == .integer(5))
        let metrics = try #require(overall["classificationEvaluationMetrics"])
        #expect(metrics["confidenceMetricsEntries"] == nil)
        let entries = try #require(metrics["confidenceMetricsEntry"]?.arrayValue)
        #expect(entries.count == 24)
        let entry = entries[10]
        #expect(entry["confidenceThreshold"] == .number(0.5))
        #expect(entry["positionThreshold"] == .integer(2_147_483_647))
        #expect(entry["truePositiveCount"] == .string("2"))
        #expect(entry["falsePositiveCount"] == .string("2"))
        #expect(entry["falseNegativeCount"] == .string("3"))
        #expect(entry["trueNegativeCount"] == .string("8"))
        #expect(entry["precision"] == .number(0.5))
        #expect(entry["recallAt1"] != nil)
        #expect(entries[1]["confidenceThreshold"] == .number(0.05))
        #expect(metrics["annotationSpecId"] == .array([.string("100"), .string("101"), .string("102")]))
        let matrix = try #require(metrics["confusionMatrix"])
        #expect(matrix["displayName"] == .array([.string("a"), .string("b"), .string("c")]))
        #expect(matrix["row"]?.arrayValue?.first?["exampleCount"] == .array([.integer(1), .integer(1), .integer(0)]))
        #expect(metrics["auPrc"] != nil && metrics["auRoc"] != nil && metrics["logLoss"] != nil)

        let label = set.perLabel[0].protoJSON(options: .canonical)
        #expect(label["annotationSpecId"] == .string("100"))
        #expect(label["displayName"] == .string("a"))
        #expect(label["evaluatedExampleCount"] == .integer(2))

        // What the store writes and reads back is the same evaluation.
        let decoded = try ModelEvaluation(jsonData: set.overall.jsonData())
        #expect(decoded == set.overall)
    }

    @Test func detectionShape() throws {
        let box = EvaluationBox(xMin: 0.1, yMin: 0.1, xMax: 0.4, yMax: 0.5)
        let set = try #require(
            try DetectionEvaluator(labels: evaluationLabels(1)).evaluate([
                DetectionEvaluator.Image(
                    truth: [.init(label: 0, box: box)],
                    predictions: [.init(label: 0, score: 0.9, box: box)])
            ]))
        let overall = set.overall.protoJSON(options: .canonical)
        #expect(overall["classificationEvaluationMetrics"] == nil)
        let metrics = try #require(overall["imageObjectDetectionEvaluationMetrics"])
        #expect(metrics["evaluatedBoundingBoxCount"] == .integer(1))
        #expect(metrics["boundingBoxMeanAveragePrecision"] == .number(1))
        let entries = try #require(metrics["boundingBoxMetricsEntries"]?.arrayValue)
        #expect(entries.count == 23)
        #expect(entries.first?["iouThreshold"] == .number(0.05))
        #expect(entries.first?["meanAveragePrecision"] == .number(1))
        #expect(entries.first?["confidenceMetricsEntry"] == nil)
        let confidence = try #require(entries.first?["confidenceMetricsEntries"]?.arrayValue)
        #expect(confidence.count == 23)
        #expect(confidence.first?["confidenceThreshold"] == .number(0.05))
        #expect(confidence.first?["recall"] == .number(1))
        #expect(confidence.first?["f1Score"] == .number(1))
        #expect(set.perLabel.first?.protoJSON(options: .canonical)["annotationSpecId"] == .string("100"))
    }
}
