import AutoMLClient
import Foundation

/// A model evaluation drawn for a person at a terminal: the headline figures, the precision/recall curve as a
/// chart of block characters, and the confusion matrix. Plain text, no colour, at most `width` columns wide.
struct EvaluationView: Sendable {
    /// The terminal width.
    var width: Int

    func render(_ evaluation: ModelEvaluation) -> String {
        var lines = [headline(evaluation)]
        if let metrics = evaluation.classificationEvaluationMetrics {
            lines += classification(metrics)
        } else if let metrics = evaluation.imageObjectDetectionEvaluationMetrics {
            lines += detection(metrics)
        } else {
            lines.append("  no metrics for this kind of model")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func headline(_ evaluation: ModelEvaluation) -> String {
        let id = evaluation.name.split(separator: "/").last.map(String.init) ?? evaluation.name
        let scope =
            evaluation.annotationSpecId.isEmpty
            ? "all labels"
            : "label \(evaluation.displayName.isEmpty ? evaluation.annotationSpecId : evaluation.displayName)"
        let count = evaluation.evaluatedExampleCount
        return "Evaluation \(id) (\(scope)): \(count) test image\(count == 1 ? "" : "s")"
    }

    private func classification(_ metrics: ClassificationEvaluationMetrics) -> [String] {
        var lines = [
            "  area under the precision/recall curve \(Self.decimal(metrics.auPrc))"
                + (metrics.logLoss > 0 ? " · log loss \(Self.decimal(metrics.logLoss))" : "")
        ]
        let points = metrics.confidenceMetricsEntry.map {
            CurvePoint(threshold: $0.confidenceThreshold, recall: $0.recall, precision: $0.precision, f1: $0.f1Score)
        }
        lines += summary(points)
        lines += PrecisionRecallChart(points: points, width: width).lines(title: "Precision by recall")
        if let matrix = metrics.confusionMatrix, !matrix.row.isEmpty {
            lines += ConfusionMatrixTable(matrix: matrix, width: width).lines()
        }
        return lines
    }

    private func detection(_ metrics: ImageObjectDetectionEvaluationMetrics) -> [String] {
        let entries = metrics.boundingBoxMetricsEntries.sorted { $0.iouThreshold < $1.iouThreshold }
        var lines = [
            "  \(metrics.evaluatedBoundingBoxCount) boxes · mean average precision "
                + "\(Self.decimal(metrics.boundingBoxMeanAveragePrecision)) (over \(entries.count) IoU thresholds)"
        ]
        // The usual ones (there can be two dozen): 0.5, 0.75 and 0.9, or the first three there are.
        let usual = entries.filter { entry in [0.5, 0.75, 0.9].contains { abs(entry.iouThreshold - $0) < 0.001 } }
        let shownEntries = usual.isEmpty ? Array(entries.prefix(3)) : usual
        if !shownEntries.isEmpty {
            lines.append(
                "  mAP at IoU "
                    + shownEntries.map {
                        "\(Self.decimal($0.iouThreshold, digits: 2)): \(Self.decimal($0.meanAveragePrecision))"
                    }.joined(separator: " · "))
        }
        // The curve at IoU 0.5, the usual one (or the lowest threshold there is).
        guard let shown = entries.first(where: { abs($0.iouThreshold - 0.5) < 0.001 }) ?? entries.first else {
            return lines
        }
        let points = shown.confidenceMetricsEntries.map {
            CurvePoint(threshold: $0.confidenceThreshold, recall: $0.recall, precision: $0.precision, f1: $0.f1Score)
        }
        lines += summary(points)
        lines += PrecisionRecallChart(points: points, width: width)
            .lines(title: "Precision by recall at IoU \(Self.decimal(shown.iouThreshold, digits: 2))")
        return lines
    }

    /// Precision, recall and F1 at the confidence threshold nearest 0.5.
    private func summary(_ points: [CurvePoint]) -> [String] {
        guard let point = points.min(by: { abs($0.threshold - 0.5) < abs($1.threshold - 0.5) }) else { return [] }
        return [
            "  at confidence \(Self.decimal(point.threshold, digits: 2)): precision \(Self.percent(point.precision))"
                + " · recall \(Self.percent(point.recall)) · F1 \(Self.decimal(point.f1))"
        ]
    }

    static func decimal(_ value: Float, digits: Int = 3) -> String {
        String(format: "%.\(digits)f", Double(value))
    }

    static func percent(_ value: Float) -> String {
        String(format: "%.1f%%", Double(value) * 100)
    }
}

/// One point of a precision/recall curve: what the model gives at one confidence threshold.
struct CurvePoint: Sendable, Equatable {
    var threshold: Float
    var recall: Float
    var precision: Float
    var f1: Float
}
