/// A label as the evaluations name it: the emulator's annotation spec ID and the display name it had at training time.
///
/// Evaluators take the labels in class order: index `i` of a score vector or a box's `label` is `labels[i]`.
package struct EvaluationLabel: Sendable, Hashable {
    /// The annotation spec ID the emulator issued for this label (what `GetAnnotationSpec` answers to).
    package var annotationSpecId: String
    /// The label's display name.
    package var displayName: String

    package init(annotationSpecId: String, displayName: String) {
        self.annotationSpecId = annotationSpecId
        self.displayName = displayName
    }
}
