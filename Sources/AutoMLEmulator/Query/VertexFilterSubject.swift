import AutoMLWire

/// A value a Vertex AI resource answers for a filter field.
enum VertexFilterValue: Sendable, Hashable {
    /// A string field, or an enum by its name (`PIPELINE_STATE_SUCCEEDED`).
    case text(String)
    /// A timestamp field such as `create_time`.
    case time(Timestamp)
    /// The labels map.
    case labels([String: String])
}

/// Something a Vertex AI list filter can be evaluated on: a dataset, a training pipeline, a model, an endpoint or a
/// model evaluation.
///
/// Conforming types answer with the value of a field, or nil when the field is absent. As in proto3, an absent string
/// field compares as `""` and counts as not set in `field:*`; an absent timestamp only satisfies `!=`; an absent
/// labels map is an empty one. Text fields answer ``VertexFilterValue/text(_:)``, `create_time`
/// ``VertexFilterValue/time(_:)`` and `labels` ``VertexFilterValue/labels(_:)``; a value of another kind counts as
/// absent.
protocol VertexFilterSubject {
    /// The value of `field` on this subject, or nil when the subject does not have it.
    func vertexFilterValue(for field: VertexFilterField) -> VertexFilterValue?
}
