import AutoMLClient
import Foundation

/// Vertex AI's evaluation metrics (the classification and image object detection metrics schemas) read back into
/// v1's message, so that `evaluation get` draws the same view on both APIs: the same figures under v1's names.
enum VertexEvaluationView {
    /// The v1 evaluation an evaluation or slice stands for; nil when its metrics are of another kind. A slice's
    /// test images are counted in its `overall` evaluation's confusion matrix (read once by the caller, however many
    /// slices it has) when it has none of its own.
    static func modelEvaluation(_ json: JSONValue, overall: ModelEvaluation? = nil) -> ModelEvaluation? {
        guard var metrics = json["metrics"]?.objectValue else { return nil }
        var evaluation = ModelEvaluation()
        evaluation.name = json["name"]?.stringValue ?? ""
        let label = json["slice"]?["value"]?.stringValue
        if let label {
            evaluation.annotationSpecId = label
            evaluation.displayName = label
        }
        if metrics["boundingBoxMetrics"] != nil || metrics["boundingBoxMeanAveragePrecision"] != nil {
            rename(&metrics, "boundingBoxMetrics", to: "boundingBoxMetricsEntries")
            if case .array(let entries)? = metrics["boundingBoxMetricsEntries"] {
                metrics["boundingBoxMetricsEntries"] = .array(
                    entries.map { entry in
                        guard var fields = entry.objectValue else { return entry }
                        rename(&fields, "confidenceMetrics", to: "confidenceMetricsEntries")
                        return .object(fields)
                    })
            }
            guard let read = try? ImageObjectDetectionEvaluationMetrics(protoJSON: .object(metrics), path: "metrics")
            else { return nil }
            evaluation.imageObjectDetectionEvaluationMetrics = read
            return evaluation
        }
        rename(&metrics, "confidenceMetrics", to: "confidenceMetricsEntry")
        var counts: [[Int64]] = []
        var labels: [String] = []
        if let matrix = metrics.removeValue(forKey: "confusionMatrix") {
            let specs = matrix["annotationSpecs"]?.arrayValue ?? []
            labels = specs.map { $0["displayName"]?.stringValue ?? "" }
            counts = (matrix["rows"]?.arrayValue ?? []).map { row in
                (row.arrayValue ?? []).map { cell in (try? Int64(protoJSON: cell, path: "")) ?? 0 }
            }
            metrics["confusionMatrix"] = .object([
                "annotationSpecId": .array(specs.map { .string($0["id"]?.stringValue ?? "") }),
                "displayName": .array(labels.map(JSONValue.string)),
                "row": .array(counts.map { .object(["exampleCount": .array($0.map(JSONValue.integer))]) }),
            ])
        }
        guard let read = try? ClassificationEvaluationMetrics(protoJSON: .object(metrics), path: "metrics") else {
            return nil
        }
        evaluation.classificationEvaluationMetrics = read
        // The test images: every cell of the matrix, or a label's row of it.
        if counts.isEmpty, label != nil, let matrix = overall?.classificationEvaluationMetrics?.confusionMatrix {
            labels = matrix.displayName
            counts = matrix.row.map { $0.exampleCount.map(Int64.init) }
        }
        let rows = label.flatMap { labels.firstIndex(of: $0) }.map { [counts[safe: $0] ?? []] } ?? counts
        evaluation.evaluatedExampleCount = Int32(clamping: rows.joined().reduce(0, +))
        return evaluation
    }

    private static func rename(_ object: inout JSONObject, _ old: String, to new: String) {
        if let value = object.removeValue(forKey: old) { object[new] = value }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
