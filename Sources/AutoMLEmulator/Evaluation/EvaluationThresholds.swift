/// One threshold of the fixed v1 lists, held as a whole number of hundredths so that the reported value and the
/// value scores are compared with are both the nearest to k/100 in their own type.
struct EvaluationThreshold: Sendable, Hashable {
    /// k in k/100.
    var hundredths: Int

    /// The reported value: `Float(k) / 100` is the `Float` nearest to k/100 (division is correctly rounded), so
    /// it writes as `0.05` in JSON.
    var value: Float { Float(hundredths) / 100 }

    /// What a score is compared with, inclusively: a score equal to the threshold counts as predicted (and an IoU
    /// equal to it counts as a match).
    var cutoff: Double { Double(hundredths) / 100 }
}

/// The fixed threshold lists of the v1 evaluation messages (reference §3.7).
enum EvaluationThresholds {
    /// `ClassificationEvaluationMetrics.confidenceMetricsEntry`: 0.00, 0.05, …, 0.95, 0.96, 0.97, 0.98, 0.99.
    static let classificationConfidence = hundredths(Array(stride(from: 0, through: 95, by: 5)) + [96, 97, 98, 99])

    /// `BoundingBoxMetricsEntry.confidenceMetricsEntries`: 0.05, 0.10, …, 0.95, 0.96, 0.97, 0.98, 0.99.
    static let detectionConfidence = hundredths(Array(stride(from: 5, through: 95, by: 5)) + [96, 97, 98, 99])

    /// `ImageObjectDetectionEvaluationMetrics.boundingBoxMetricsEntries`: IoU 0.05, 0.10, …, 0.95, 0.96 … 0.99.
    static let intersectionOverUnion = detectionConfidence

    private static func hundredths(_ values: [Int]) -> [EvaluationThreshold] {
        values.map(EvaluationThreshold.init(hundredths:))
    }
}
