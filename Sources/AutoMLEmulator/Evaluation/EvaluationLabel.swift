/// A label as the evaluations name it: the emulator's annotation spec ID and the display name it had at training time.
///
/// Evaluators take the labels in class order: index `i` of a score vector or a box's `label` is `labels[i]`.
public struct EvaluationLabel: Sendable, Hashable {
    /// The annotation spec ID the emulator issued for this label (what `GetAnnotationSpec` answers to).
    public var annotationSpecId: String
    /// The label's display name.
    public var displayName: String

    public init(annotationSpecId: String, displayName: String) {
        self.annotationSpecId = annotationSpecId
        self.displayName = displayName
    }
}
