package import AutoMLWire

/// The evaluations of one trained model: the overall one and one per label, in class order.
///
/// Names, IDs and `createTime` are left empty: the store issues the ID and the name when it records the model.
package struct ModelEvaluationSet: Sendable {
    /// The overall evaluation, with no `annotationSpecId`.
    package var overall: ModelEvaluation
    /// One evaluation per label, in the order of the evaluator's labels, including labels absent from the
    /// TEST split (their `evaluatedExampleCount` is 0).
    package var perLabel: [ModelEvaluation]

    package init(overall: ModelEvaluation, perLabel: [ModelEvaluation]) {
        self.overall = overall
        self.perLabel = perLabel
    }

    /// The overall evaluation first, then the per-label ones: the order for ``TrainingOutcome/evaluations``,
    /// which the store keeps as the list order.
    package var all: [ModelEvaluation] { [overall] + perLabel }
}
