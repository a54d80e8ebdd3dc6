import AutoMLClient
import Testing

@testable import AutoMLShell

@Suite("Rendering: evaluations in the terminal")
struct EvaluationViewTests {
    typealias Entry = ClassificationEvaluationMetrics.ConfidenceMetricsEntry

    static func entry(_ threshold: Float, recall: Float, precision: Float) -> Entry {
        var entry = Entry()
        entry.confidenceThreshold = threshold
        entry.recall = recall
        entry.precision = precision
        entry.f1Score = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        return entry
    }

    static var classification: ModelEvaluation {
        var metrics = ClassificationEvaluationMetrics()
        metrics.auPrc = 0.8125
        metrics.logLoss = 0.25
        metrics.confidenceMetricsEntry = [
            entry(0.0, recall: 1.0, precision: 0.25), entry(0.3, recall: 0.75, precision: 0.5),
            entry(0.5, recall: 0.5, precision: 1.0), entry(0.9, recall: 0.25, precision: 1.0),
        ]
        var matrix = ClassificationEvaluationMetrics.ConfusionMatrix()
        matrix.annotationSpecId = ["1", "2", "3"]
        matrix.displayName = ["daisy", "a_very_long_label_name", ""]
        matrix.row = ([[7, 1, 0], [2, 120, 0], [0, 0, 3]] as [[Int32]]).map {
            var row = ClassificationEvaluationMetrics.ConfusionMatrix.Row()
            row.exampleCount = $0
            return row
        }
        metrics.confusionMatrix = matrix
        var evaluation = ModelEvaluation()
        evaluation.name = "projects/p/locations/us-central1/models/ICN1/modelEvaluations/42"
        evaluation.evaluatedExampleCount = 133
        evaluation.classificationEvaluationMetrics = metrics
        return evaluation
    }

    @Test func classificationShowsTheFiguresTheCurveAndTheMatrix() {
        // 33 columns: recall up to 0.5 at precision 1 (17 columns), to 0.75 at 0.5 (8), to 1 at 0.25 (8).
        #expect(
            EvaluationView(width: 40).render(Self.classification) == """
                Evaluation 42 (all labels): 133 test images
                  area under the precision/recall curve 0.812 · log loss 0.250
                  at confidence 0.50: precision 100.0% · recall 50.0% · F1 0.667

                Precision by recall (the best precision at that recall or more)
                100% ┤█████████████████
                     │█████████████████
                     │█████████████████
                     │█████████████████
                 50% ┤█████████████████████████
                     │█████████████████████████
                     │█████████████████████████████████
                     │█████████████████████████████████
                  0% └─────────────────────────────────
                      0%          recall           100%

                Confusion matrix (rows: true label; columns: predicted label)
                                      daisy a_very_long…
                  daisy                   7            1
                  a_very_long…            2          120
                  3                       0            0
                  (1 more predicted label does not fit; `--format json` shows them all)

                """)
    }

    @Test func partialBlocksShowPrecisionBetweenRows() {
        let chart = PrecisionRecallChart(
            points: [CurvePoint(threshold: 0.5, recall: 1, precision: 0.9, f1: 0)],
            width: 27)
        // 0.9 of 64 eighths is 57.6, so 58: seven full rows and two eighths of the top one.
        let rows = chart.lines(title: "t").dropFirst(2).prefix(PrecisionRecallChart.rows)
        #expect(rows.first == "100% ┤" + String(repeating: "▂", count: 20))
        #expect(rows.dropFirst().allSatisfy { $0.hasSuffix(String(repeating: "█", count: 20)) })
        #expect(PrecisionRecallChart(points: [], width: 80).lines(title: "t").isEmpty)
        // Values a server may send that are not precisions: drawn clamped or empty, never a crash.
        let odd = [
            CurvePoint(threshold: 0, recall: 0.5, precision: .nan, f1: .nan),
            CurvePoint(threshold: 0, recall: .infinity, precision: 7, f1: 0),
            CurvePoint(threshold: 0, recall: -1, precision: -3, f1: 0),
        ]
        let oddRows = PrecisionRecallChart(points: odd, width: -5).lines(title: "t").dropFirst(2)
            .prefix(PrecisionRecallChart.rows)
        #expect(oddRows.allSatisfy { $0.hasSuffix(String(repeating: "█", count: 20)) })
    }

    @Test func detectionShowsMeanAveragePrecisionAndTheCurveAtIoUHalf() {
        var metrics = ImageObjectDetectionEvaluationMetrics()
        metrics.evaluatedBoundingBoxCount = 95
        metrics.boundingBoxMeanAveragePrecision = 0.5
        metrics.boundingBoxMetricsEntries = [(Float(0.75), Float(0.25)), (0.5, 0.75), (0.6, 0.5)].map { iou, map in
            var entry = BoundingBoxMetricsEntry()
            entry.iouThreshold = iou
            entry.meanAveragePrecision = map
            var point = BoundingBoxMetricsEntry.ConfidenceMetricsEntry()
            point.confidenceThreshold = 0.5
            point.recall = iou == 0.5 ? 1 : 0.5
            point.precision = 0.5
            entry.confidenceMetricsEntries = [point]
            return entry
        }
        var evaluation = ModelEvaluation()
        evaluation.name = "projects/p/locations/l/models/IOD1/modelEvaluations/7"
        evaluation.annotationSpecId = "3"
        evaluation.displayName = "star"
        evaluation.evaluatedExampleCount = 1
        evaluation.imageObjectDetectionEvaluationMetrics = metrics
        let lines = EvaluationView(width: 80).render(evaluation).split(separator: "\n").map(String.init)
        #expect(lines[0] == "Evaluation 7 (label star): 1 test image")
        #expect(lines[1] == "  95 boxes · mean average precision 0.500 (over 3 IoU thresholds)")
        #expect(lines[2] == "  mAP at IoU 0.50: 0.750 · 0.75: 0.250")
        #expect(lines[3] == "  at confidence 0.50: precision 50.0% · recall 100.0% · F1 0.000")
        #expect(lines.contains("Precision by recall at IoU 0.50 (the best precision at that recall or more)"))
        // Recall reaches 1 at IoU 0.5, so the whole width is filled to half height.
        #expect(lines.contains(" 50% ┤" + String(repeating: "█", count: 60)))
        #expect(!lines.contains { $0.hasPrefix("Confusion matrix") })
    }

    @Test func anEvaluationWithoutMetricsSaysSo() {
        var evaluation = ModelEvaluation()
        evaluation.name = "x/modelEvaluations/1"
        #expect(
            EvaluationView(width: 80).render(evaluation) == """
                Evaluation 1 (all labels): 0 test images
                  no metrics for this kind of model

                """)
    }
}
