import AutoMLWire

/// Vertex AI's image `modelType` names and the v1 model types this backend trains for them (same budgets).
enum VertexModelTypes {
    static let classification: [(vertex: String, v1: String)] = [
        ("CLOUD", "cloud"), ("MOBILE_TF_LOW_LATENCY_1", "mobile-low-latency-1"),
        ("MOBILE_TF_VERSATILE_1", "mobile-versatile-1"), ("MOBILE_TF_HIGH_ACCURACY_1", "mobile-high-accuracy-1"),
    ]
    static let detection: [(vertex: String, v1: String)] = [
        ("CLOUD_HIGH_ACCURACY_1", "cloud-high-accuracy-1"), ("CLOUD_LOW_LATENCY_1", "cloud-low-latency-1"),
        ("MOBILE_TF_LOW_LATENCY_1", "mobile-low-latency-1"), ("MOBILE_TF_VERSATILE_1", "mobile-versatile-1"),
        ("MOBILE_TF_HIGH_ACCURACY_1", "mobile-high-accuracy-1"),
    ]

    /// The Vertex AI name and the v1 type of a requested `modelType` (the objective's default when empty), or an
    /// INVALID_ARGUMENT that lists the names this backend trains.
    static func resolve(_ name: String, detection: Bool) throws -> (vertex: String, type: ImageModelType) {
        let table = detection ? Self.detection : Self.classification
        let wanted = name.isEmpty ? table[0].vertex : name
        guard let entry = table.first(where: { $0.vertex == wanted }),
            let type = ImageModelType.named(entry.v1, detection: detection)
        else {
            let objective = detection ? "object detection" : "image classification"
            throw ServiceError.invalidArgument(
                "trainingTaskInputs.modelType \"\(name)\" is not an \(objective) model type this backend trains; use "
                    + table.map(\.vertex).joined(separator: ", ") + ".")
        }
        return (entry.vertex, type)
    }
}
