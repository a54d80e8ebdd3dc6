import AutoMLClient

/// The figures a person compares evaluations by: for classification precision, recall and F1 at a score threshold
/// of 0.5, the area under the precision/recall curve and the test images; for detection mean average precision at
/// IoU 0.5 and 0.75 and the test boxes.
struct EvaluationFigures: Sendable {
    /// The label, or nil for the overall evaluation.
    var label: String?
    var isDetection: Bool
    var precision: Double?
    var recall: Double?
    var f1: Double?
    var auPrc: Double?
    var logLoss: Double?
    var meanAveragePrecision50: Double?
    var meanAveragePrecision75: Double?
    var testImages: Int
    var testBoxes: Int?

    /// The threshold the precision, recall and F1 are read at.
    static let threshold: Float = 0.5

    init(_ evaluation: ModelEvaluation) {
        label = evaluation.annotationSpecId.isEmpty ? nil : evaluation.displayName
        testImages = Int(evaluation.evaluatedExampleCount)
        if let metrics = evaluation.imageObjectDetectionEvaluationMetrics {
            isDetection = true
            let at = { (iou: Float) in
                metrics.boundingBoxMetricsEntries.first { abs($0.iouThreshold - iou) < 0.001 }
                    .map { Double($0.meanAveragePrecision) }
            }
            meanAveragePrecision50 = at(0.5)
            meanAveragePrecision75 = at(0.75)
            testBoxes = Int(metrics.evaluatedBoundingBoxCount)
            return
        }
        isDetection = false
        guard let metrics = evaluation.classificationEvaluationMetrics else { return }
        auPrc = Double(metrics.auPrc)
        logLoss = metrics.logLoss > 0 ? Double(metrics.logLoss) : nil
        // Entries without a limit on positions; of those, the one nearest the threshold.
        let unlimited = metrics.confidenceMetricsEntry.filter { $0.positionThreshold == 0 }
        let entries = unlimited.isEmpty ? metrics.confidenceMetricsEntry : unlimited
        if let entry = entries.min(by: {
            abs($0.confidenceThreshold - Self.threshold) < abs($1.confidenceThreshold - Self.threshold)
        }) {
            precision = Double(entry.precision)
            recall = Double(entry.recall)
            f1 = Double(entry.f1Score)
        }
    }

    /// The one figure a model is known by: auPRC for classification, mAP at IoU 0.5 for detection.
    var headline: (name: String, value: Double?) {
        isDetection ? ("mAP@0.5", meanAveragePrecision50) : ("auPRC", auPrc)
    }
}

/// `evaluations` on a terminal: one row per label and the overall row first.
///
/// ```
/// LABEL       PRECISION  RECALL     F1  AUPRC  TEST IMAGES
/// all labels      0.912   0.900  0.906  0.951           40
/// circle          1.000   0.900  0.947  0.990           10
/// ```
struct EvaluationSummaryView {
    var figures: [EvaluationFigures]

    func render(width: Int, colors: Bool) -> String {
        let ordered = figures.filter { $0.label == nil } + figures.filter { $0.label != nil }
        let detection = ordered.contains { $0.isDetection }
        let number = { (value: Double?) in value.map(TrainingView.score) ?? "-" }
        let headers =
            detection
            ? ["LABEL", "MAP@0.5", "MAP@0.75", "TEST BOXES", "TEST IMAGES"]
            : ["LABEL", "PRECISION", "RECALL", "F1", "AUPRC", "TEST IMAGES"]
        let rows = ordered.map { figures -> [String] in
            let label = figures.label ?? "all labels"
            let images = figures.testImages > 0 ? String(figures.testImages) : "-"
            if detection {
                return [
                    label, number(figures.meanAveragePrecision50), number(figures.meanAveragePrecision75),
                    figures.testBoxes.map(String.init) ?? "-", images,
                ]
            }
            return [
                label, number(figures.precision), number(figures.recall), number(figures.f1), number(figures.auPrc),
                images,
            ]
        }
        let table = TableLayout(headers: headers, rows: rows, rightAligned: Set(1..<headers.count))
        let note = detection ? "" : "(precision, recall and F1 at a score threshold of 0.5)\n"
        return table.render(width: width, bold: colors) + note
    }
}
