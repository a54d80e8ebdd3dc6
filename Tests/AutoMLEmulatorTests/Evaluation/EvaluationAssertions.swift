import AutoMLClient
import Testing

@testable import AutoMLEmulator

/// Labels named `a`, `b`, … with spec IDs `100`, `101`, ….
func evaluationLabels(_ count: Int) -> [EvaluationLabel] {
    (0..<count).map { index in
        EvaluationLabel(
            annotationSpecId: String(100 + index),
            displayName: String(UnicodeScalar(UInt8(ascii: "a") + UInt8(index))))
    }
}

/// Expects `actual` within 1e-6 of `expected` (metrics are stored as `Float`).
func expectClose(
    _ actual: Float, _ expected: Double, _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        abs(Double(actual) - expected) < 1e-6, "\(actual) ≠ \(expected) \(comment?.description ?? "")",
        sourceLocation: sourceLocation)
}

/// Expects `actual` within 1e-9 of `expected`.
func expectClose(
    _ actual: Double, _ expected: Double, _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        abs(actual - expected) < 1e-9, "\(actual) ≠ \(expected) \(comment?.description ?? "")",
        sourceLocation: sourceLocation)
}

extension ClassificationEvaluationMetrics {
    /// The entry at a threshold given in hundredths.
    func entry(atHundredths hundredths: Int) -> ConfidenceMetricsEntry? {
        confidenceMetricsEntry.first { $0.confidenceThreshold == Float(hundredths) / 100 }
    }
}

extension BoundingBoxMetricsEntry {
    /// The confidence entry at a threshold given in hundredths.
    func confidence(atHundredths hundredths: Int) -> ConfidenceMetricsEntry? {
        confidenceMetricsEntries.first { $0.confidenceThreshold == Float(hundredths) / 100 }
    }
}

extension ImageObjectDetectionEvaluationMetrics {
    /// The entry at an IoU threshold given in hundredths.
    func entry(atIoUHundredths hundredths: Int) -> BoundingBoxMetricsEntry? {
        boundingBoxMetricsEntries.first { $0.iouThreshold == Float(hundredths) / 100 }
    }
}
