import AutoMLWire

/// Vertex AI's image `modelType` names, resolved to the v1 model types this backend trains for them (same budgets;
/// the table is ``ImageModelType/vertexName``).
enum VertexModelTypes {
    /// The Vertex AI name and the v1 type of a requested `modelType` (the objective's default when empty), or an
    /// INVALID_ARGUMENT that lists the names this backend trains.
    static func resolve(_ name: String, detection: Bool) throws -> (vertex: String, type: ImageModelType) {
        guard let type = ImageModelType(vertexName: name, detection: detection), let vertex = type.vertexName else {
            let objective = detection ? "object detection" : "image classification"
            throw ServiceError.invalidArgument(
                "trainingTaskInputs.modelType \"\(name)\" is not an \(objective) model type this backend trains; use "
                    + ImageModelType.vertexNames(detection: detection).joined(separator: ", ") + ".")
        }
        return (vertex, type)
    }
}
