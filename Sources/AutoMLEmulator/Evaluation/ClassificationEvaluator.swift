import AutoMLWire

/// Turns a classification model's scores on the TEST split into the v1 evaluations: one overall and one per label.
///
/// The overall evaluation treats every (example, label) pair as one binary decision and micro-averages over them:
/// `auPrc`, `auRoc` and the confidence metrics count all pairs, so at a threshold a single-label model "predicts"
/// every label scoring at least the threshold (the service's `positionThreshold` = INT32_MAX reading), and the
/// four counts add up to examples × labels. A per-label evaluation is the same binary problem restricted to that
/// label's column; its `evaluatedExampleCount` is the number of examples whose truth has the label, and its
/// metrics' `annotationSpecId` list holds that label alone (the overall one lists every label).
///
/// The `*At1` metrics keep only each example's top label (the highest score; the lowest class index among equal
/// scores), and only when it scores at least the threshold. Per label, the label counts as predicted for the
/// examples whose top label it is.
///
/// Conventions where a value is undefined (see ``BinaryCounts`` for the rates):
/// - `auPrc` (average precision, see ``ScoreCurve/averagePrecision``) is 0 without positive pairs, and `auRoc`
///   (trapezoid rule, ties averaged) is 0 without positive or without negative pairs: both are then absent from
///   the JSON, which omits zero values, rather than a made-up 0.5 or 1.
/// - `logLoss` clips probabilities to [ε, 1 − ε] with ε = ``logLossEpsilon``. Single-label: the mean over examples
///   of −log p(true label). Multi-label: the mean over examples of the mean binary log loss over the labels. Per
///   label: the mean binary log loss of that label's score.
/// - A single-label example should have exactly one true label. One with several is scored on its lowest class
///   index for the log loss and the confusion matrix; one with none counts only as negatives, and the single-label
///   log loss and the confusion matrix skip it.
/// - The confusion matrix (overall, single-label only) counts each example's top label regardless of threshold.
///   It is given only for at most ``confusionMatrixLabelLimit`` labels, as the proto says; the product docs'
///   alternative (the 10 most confused labels) does not say where predictions of the other labels go, so with
///   more labels the field is absent.
package struct ClassificationEvaluator: Sendable {
    /// The labels in class order.
    package var labels: [EvaluationLabel]
    /// Whether an example may have several labels (sigmoid scores) rather than exactly one (softmax scores).
    package var multiLabel: Bool
    /// Probabilities are clipped to [ε, 1 − ε] before the logarithm of the log loss.
    package var logLossEpsilon: Double = 1e-7

    /// The most labels a model may have and still get a confusion matrix.
    package static let confusionMatrixLabelLimit = 10

    package init(labels: [EvaluationLabel], multiLabel: Bool) {
        self.labels = labels
        self.multiLabel = multiLabel
    }

    /// The evaluations of a model on its TEST examples.
    ///
    /// Returns nil when `examples` is empty: there is nothing to measure, and the trainer should then report no
    /// evaluations (an empty ``TrainingOutcome/evaluations``) rather than evaluate on VALIDATION examples, which
    /// chose when training stopped and would overstate the model while being listed as TEST metrics.
    /// - Throws: ``EvaluationInputError`` when there are no labels, a score vector's length differs from the label
    ///   count, a score is not finite, or a true label index is out of range.
    package func evaluate(_ examples: [Example]) throws -> ModelEvaluationSet? {
        guard !examples.isEmpty else { return nil }
        try validate(examples)
        let table = ScoreTable(examples: examples, labelCount: labels.count)

        var perLabel: [ModelEvaluation] = []
        for label in labels.indices {
            let column = table.column(label)
            let positives = column.truth.count { $0 }
            let curve = ScoreCurve(scores: column.scores, isPositive: column.truth)
            var evaluation = ModelEvaluation()
            evaluation.annotationSpecId = labels[label].annotationSpecId
            evaluation.displayName = labels[label].displayName
            evaluation.evaluatedExampleCount = Int32(clamping: positives)
            evaluation.classificationEvaluationMetrics = metrics(
                curve: curve, top: table.topCurve(of: label), logLoss: meanBinaryLogLoss(column.scores, column.truth),
                annotationSpecIds: [labels[label].annotationSpecId])
            perLabel.append(evaluation)
        }

        var overall = ModelEvaluation()
        overall.evaluatedExampleCount = Int32(clamping: examples.count)
        var metrics = metrics(
            curve: ScoreCurve(scores: table.scores, isPositive: table.truth), top: table.topCurve(),
            logLoss: overallLogLoss(examples, table),
            annotationSpecIds: labels.map(\.annotationSpecId))
        if !multiLabel, labels.count <= Self.confusionMatrixLabelLimit {
            metrics.confusionMatrix = confusionMatrix(examples, table)
        }
        overall.classificationEvaluationMetrics = metrics
        return ModelEvaluationSet(overall: overall, perLabel: perLabel)
    }

    private func validate(_ examples: [Example]) throws {
        guard !labels.isEmpty else { throw EvaluationInputError("there are no labels to evaluate") }
        for (index, example) in examples.enumerated() {
            guard example.scores.count == labels.count else {
                throw EvaluationInputError(
                    "example \(index) has \(example.scores.count) scores for \(labels.count) labels")
            }
            if let score = example.scores.first(where: { !$0.isFinite }) {
                throw EvaluationInputError("example \(index) has the score \(score)")
            }
            if let label = example.truth.first(where: { !labels.indices.contains($0) }) {
                throw EvaluationInputError("example \(index) has the true label \(label) of \(labels.count) labels")
            }
        }
    }
}

extension ClassificationEvaluator {
    /// One TEST example: what it truly is and what the model scored.
    package struct Example: Sendable, Hashable {
        /// The class indices of its ground-truth labels (exactly one for a single-label model).
        package var truth: [Int]
        /// One score per label in class order: softmax probabilities for a single-label model, sigmoid ones for a
        /// multi-label model.
        package var scores: [Double]

        package init(truth: [Int], scores: [Double]) {
            self.truth = truth
            self.scores = scores
        }
    }
}
