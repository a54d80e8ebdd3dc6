import AutoMLWire

/// Turns the evaluations the trainer made (v1's overall evaluation and one per label) into Vertex AI's one
/// evaluation with a slice per label, rewriting the metrics into the Vertex AI metrics schemas: the same figures
/// under Vertex AI's member names.
enum VertexMetrics {
    static func evaluation(from evaluations: [ModelEvaluation], detection: Bool, createTime: Timestamp?)
        -> (evaluation: VertexModelEvaluation, slices: [VertexModelEvaluationSlice])
    {
        let schema = detection ? VertexSchema.Metrics.objectDetection : VertexSchema.Metrics.classification
        var evaluation = VertexModelEvaluation()
        evaluation.displayName = "Evaluation of the test images"
        evaluation.metricsSchemaUri = schema
        evaluation.sliceDimensions = ["annotationSpec"]
        evaluation.createTime = createTime
        var slices: [VertexModelEvaluationSlice] = []
        for source in evaluations {
            let metrics = self.metrics(source)
            if source.annotationSpecId.isEmpty {
                evaluation.metrics = metrics
                continue
            }
            var slice = VertexModelEvaluationSlice()
            var key = VertexModelEvaluationSlice.Slice()
            key.dimension = "annotationSpec"
            key.value = source.displayName
            slice.slice = key
            slice.metricsSchemaUri = schema
            slice.metrics = metrics
            slice.createTime = createTime
            slices.append(slice)
        }
        return (evaluation, slices)
    }

    /// One evaluation's metrics as a Vertex AI metrics object.
    static func metrics(_ source: ModelEvaluation) -> JSONValue {
        if let detection = source.imageObjectDetectionEvaluationMetrics {
            var object = detection.protoJSON(options: .canonical).objectValue ?? [:]
            rename(&object, "boundingBoxMetricsEntries", to: "boundingBoxMetrics")
            if case .array(let entries)? = object["boundingBoxMetrics"] {
                object["boundingBoxMetrics"] = .array(
                    entries.map { entry in
                        guard var fields = entry.objectValue else { return entry }
                        rename(&fields, "confidenceMetricsEntries", to: "confidenceMetrics")
                        return .object(fields)
                    })
            }
            return .object(object)
        }
        guard let classification = source.classificationEvaluationMetrics else { return .object([:]) }
        var object = classification.protoJSON(options: .canonical).objectValue ?? [:]
        object["annotationSpecId"] = nil
        rename(&object, "confidenceMetricsEntry", to: "confidenceMetrics")
        if case .array(let entries)? = object["confidenceMetrics"] {
            object["confidenceMetrics"] = .array(
                entries.compactMap { entry in
                    guard var fields = entry.objectValue else { return entry }
                    // v1 may add entries counted at the top-1 prediction only (`positionThreshold` 1); Vertex AI's list is
                    // at every prediction, with the top-1 figures in its `…At1` members. The evaluator's entries are
                    // at every position (`positionThreshold` the int32 maximum) and stay.
                    if case .integer(1)? = fields["positionThreshold"] { return nil }
                    fields["positionThreshold"] = nil
                    return .object(fields)
                })
        }
        if let matrix = classification.confusionMatrix {
            object["confusionMatrix"] = .object([
                "annotationSpecs": .array(
                    zip(matrix.annotationSpecId, matrix.displayName).map { id, name in
                        .object(["id": .string(id), "displayName": .string(name)])
                    }),
                "rows": .array(matrix.row.map { row in .array(row.exampleCount.map { .integer(Int64($0)) }) }),
            ])
        }
        return .object(object)
    }

    private static func rename(_ object: inout JSONObject, _ old: String, to new: String) {
        if let value = object.removeValue(forKey: old) { object[new] = value }
    }
}
