/// An axis-aligned box in coordinates relative to the image (0…1), as import CSVs and predictions give it: what the
/// local backend's evaluator and the trainer's validation score both match boxes with.
package struct EvaluationBox: Sendable, Hashable {
    package var xMin: Double
    package var yMin: Double
    package var xMax: Double
    package var yMax: Double

    package init(xMin: Double, yMin: Double, xMax: Double, yMax: Double) {
        self.xMin = xMin
        self.yMin = yMin
        self.xMax = xMax
        self.yMax = yMax
    }

    /// The area; 0 for a box whose maximum is below its minimum.
    package var area: Double { max(0, xMax - xMin) * max(0, yMax - yMin) }

    /// Intersection over union, 0…1; 0 when neither box has an area.
    package func intersectionOverUnion(with other: EvaluationBox) -> Double {
        let width = min(xMax, other.xMax) - max(xMin, other.xMin)
        let height = min(yMax, other.yMax) - max(yMin, other.yMin)
        guard width > 0, height > 0 else { return 0 }
        let intersection = width * height
        let union = area + other.area - intersection
        return union > 0 ? intersection / union : 0
    }
}

extension Box {
    /// The box without its label and score.
    package var evaluationBox: EvaluationBox {
        EvaluationBox(xMin: xMin, yMin: yMin, xMax: xMax, yMax: yMax)
    }
}
