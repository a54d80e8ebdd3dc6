import AutoMLWire
import Testing

@testable import AutoMLEmulator

/// v1's evaluation figures under Vertex AI's names.
@Suite struct VertexMetricsTests {
    /// Found by the shell's evaluation view on Vertex AI: the evaluator's curve (entries at every position,
    /// `positionThreshold` the int32 maximum) was dropped whole; only top-1 entries (`positionThreshold` 1) go.
    @Test func theCurveKeepsEntriesAtEveryPositionAndDropsTopOneOnes() {
        var metrics = ClassificationEvaluationMetrics()
        metrics.auPrc = 0.5
        var everywhere = ClassificationEvaluationMetrics.ConfidenceMetricsEntry()
        everywhere.confidenceThreshold = 0.5
        everywhere.positionThreshold = Int32.max
        everywhere.precision = 0.75
        everywhere.recallAt1 = 0.5
        var topOne = everywhere
        topOne.positionThreshold = 1
        metrics.confidenceMetricsEntry = [everywhere, topOne]
        var evaluation = ModelEvaluation()
        evaluation.classificationEvaluationMetrics = metrics
        let converted = VertexMetrics.metrics(evaluation)
        let curve = converted["confidenceMetrics"]?.arrayValue ?? []
        #expect(curve.count == 1)
        #expect(curve.first?["precision"] == .number(0.75))
        #expect(curve.first?["recallAt1"] == .number(0.5))
        #expect(curve.first?["positionThreshold"] == nil)
        #expect(converted["confidenceMetricsEntry"] == nil)
    }
}
