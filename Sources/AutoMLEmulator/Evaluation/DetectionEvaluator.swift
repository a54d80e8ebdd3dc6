import AutoMLWire
package import AutoMLWorkerProtocol

/// Turns an object detection model's boxes on the TEST images into the v1 evaluations: one overall and, as the
/// service creates one evaluation per annotation spec for every model, one per label.
///
/// For each IoU threshold (0.05 … 0.95, 0.96 … 0.99) predictions are matched to ground truth by ``BoxMatcher``
/// (greedy by descending score, same label only, each ground-truth box at most once, IoU ≥ threshold). A label's
/// average precision is the area under its interpolated precision-recall curve
/// (``ScoreCurve/interpolatedAveragePrecision(relevant:)``), with recall out of all its ground-truth boxes.
///
/// - Overall: `meanAveragePrecision` is the mean AP over the labels that have ground-truth boxes in the TEST
///   split (0 when none has); each confidence entry counts the boxes of every label scoring at least the
///   threshold (micro-averaged); `evaluatedBoundingBoxCount` is all ground-truth boxes and
///   `evaluatedExampleCount` all TEST images.
/// - Per label: the same with only that label's boxes; `meanAveragePrecision` is the label's AP (0 without
///   ground truth), and `evaluatedExampleCount` counts the images with at least one box of the label.
/// - `boundingBoxMeanAveragePrecision` is the mean of `meanAveragePrecision` over the IoU entries.
/// - Precision is 1 when no box scores at least the threshold, recall 0 when there is no ground truth
///   (``BinaryCounts``).
package struct DetectionEvaluator: Sendable {
    /// The labels in class order.
    package var labels: [EvaluationLabel]

    package init(labels: [EvaluationLabel]) {
        self.labels = labels
    }

    /// The evaluations of a model on its TEST images.
    ///
    /// Returns nil when `images` is empty; the trainer then reports no evaluations, for the reasons given at
    /// ``ClassificationEvaluator/evaluate(_:)``. An image with no boxes at all still counts as evaluated, and its
    /// predictions are false positives.
    /// - Throws: ``EvaluationInputError`` when a box's label index is out of range or a score or coordinate is
    ///   not finite.
    package func evaluate(_ images: [Image]) throws -> ModelEvaluationSet? {
        guard !images.isEmpty else { return nil }
        try validate(images)
        let layout = DetectionLayout(images: images, labelCount: labels.count)

        var overallEntries: [BoundingBoxMetricsEntry] = []
        var labelEntries = [[BoundingBoxMetricsEntry]](repeating: [], count: labels.count)
        for iou in EvaluationThresholds.intersectionOverUnion {
            var truePositive = [Bool](repeating: false, count: layout.scores.count)
            for matcher in layout.matchers { matcher.match(atIoU: iou.cutoff, into: &truePositive) }
            let curves = layout.order.map { ScoreCurve(order: $0, scores: layout.scores, isPositive: truePositive) }
            var precisions: [Double] = []
            for label in labels.indices {
                let relevant = layout.truthCount[label]
                let averagePrecision = curves[label].interpolatedAveragePrecision(relevant: relevant)
                if relevant > 0 { precisions.append(averagePrecision) }
                labelEntries[label].append(
                    entry(iou: iou, averagePrecision: averagePrecision, curves: [curves[label]], relevant: relevant))
            }
            overallEntries.append(
                entry(
                    iou: iou, averagePrecision: mean(precisions), curves: curves,
                    relevant: layout.truthCount.reduce(0, +)))
        }

        var overall = ModelEvaluation()
        overall.evaluatedExampleCount = Int32(clamping: images.count)
        overall.imageObjectDetectionEvaluationMetrics = metrics(overallEntries, boxes: layout.truthCount.reduce(0, +))
        let perLabel = labels.indices.map { label in
            var evaluation = ModelEvaluation()
            evaluation.annotationSpecId = labels[label].annotationSpecId
            evaluation.displayName = labels[label].displayName
            evaluation.evaluatedExampleCount = Int32(clamping: layout.imageCount[label])
            evaluation.imageObjectDetectionEvaluationMetrics = metrics(
                labelEntries[label],
                boxes: layout.truthCount[label])
            return evaluation
        }
        return ModelEvaluationSet(overall: overall, perLabel: perLabel)
    }

    private func validate(_ images: [Image]) throws {
        for (index, image) in images.enumerated() {
            let boxes = image.truth.map { ($0.label, $0.box) } + image.predictions.map { ($0.label, $0.box) }
            for (label, box) in boxes {
                guard labels.indices.contains(label) else {
                    throw EvaluationInputError("image \(index) has a box of label \(label) of \(labels.count) labels")
                }
                guard [box.xMin, box.yMin, box.xMax, box.yMax].allSatisfy(\.isFinite) else {
                    throw EvaluationInputError("image \(index) has a box with a coordinate that is not finite")
                }
            }
            if let prediction = image.predictions.first(where: { !$0.score.isFinite }) {
                throw EvaluationInputError("image \(index) has a box scored \(prediction.score)")
            }
        }
    }

    /// The entry at one IoU threshold; its confidence metrics count the boxes of all `curves` together.
    private func entry(
        iou: EvaluationThreshold, averagePrecision: Double, curves: [ScoreCurve],
        relevant: Int
    ) -> BoundingBoxMetricsEntry {
        var entry = BoundingBoxMetricsEntry()
        entry.iouThreshold = iou.value
        entry.meanAveragePrecision = Float(averagePrecision)
        entry.confidenceMetricsEntries = EvaluationThresholds.detectionConfidence.map { threshold in
            var counts = BinaryCounts(falseNegatives: relevant)
            for curve in curves {
                let above = curve.countsAtOrAbove(threshold.cutoff)
                counts.truePositives += above.positives
                counts.falsePositives += above.negatives
                counts.falseNegatives -= above.positives
            }
            var confidence = BoundingBoxMetricsEntry.ConfidenceMetricsEntry()
            confidence.confidenceThreshold = threshold.value
            confidence.recall = Float(counts.recall)
            confidence.precision = Float(counts.precision)
            confidence.f1Score = Float(counts.f1Score)
            return confidence
        }
        return entry
    }

    private func metrics(_ entries: [BoundingBoxMetricsEntry], boxes: Int) -> ImageObjectDetectionEvaluationMetrics {
        var metrics = ImageObjectDetectionEvaluationMetrics()
        metrics.evaluatedBoundingBoxCount = Int32(clamping: boxes)
        metrics.boundingBoxMetricsEntries = entries
        metrics.boundingBoxMeanAveragePrecision = Float(mean(entries.map { Double($0.meanAveragePrecision) }))
        return metrics
    }

    private func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}

extension DetectionEvaluator {
    /// One TEST image: its ground-truth boxes and the model's predicted boxes.
    package struct Image: Sendable, Hashable {
        package var truth: [TruthBox]
        /// Every box the model returned, whatever its score; the evaluator applies the thresholds.
        package var predictions: [PredictedBox]

        package init(truth: [TruthBox], predictions: [PredictedBox]) {
            self.truth = truth
            self.predictions = predictions
        }
    }

    /// A ground-truth box: a class index into the evaluator's labels and where the object is.
    package struct TruthBox: Sendable, Hashable {
        package var label: Int
        package var box: EvaluationBox

        package init(label: Int, box: EvaluationBox) {
            self.label = label
            self.box = box
        }
    }

    /// A predicted box: a class index, the model's score for it and where it is.
    package struct PredictedBox: Sendable, Hashable {
        package var label: Int
        package var score: Double
        package var box: EvaluationBox

        package init(label: Int, score: Double, box: EvaluationBox) {
            self.label = label
            self.score = score
            self.box = box
        }
    }
}
