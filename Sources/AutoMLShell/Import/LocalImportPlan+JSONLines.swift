import AutoMLClient
import Foundation

extension LocalImportPlan {
    /// The plan's rows as a Vertex AI import file (JSON Lines, one line per image) for images uploaded under
    /// `prefix`: the v1 row's split becomes the `aiplatform.googleapis.com/ml_use` label, its labels the
    /// classification annotation(s) of `kind`, and a detection image's rows (one per box) its box annotations.
    func jsonLines(prefix: StorageLocation, kind: DatasetKind) -> String {
        var order: [String] = []
        var lines: [String: JSONObject] = [:]
        for (index, row) in rows.enumerated() {
            let column = pathColumn[index]
            let path =
                rowUploads[index].map { "gs://\(prefix.bucket)/\(prefix.name)/\(uploads[$0].relativeName)" }
                ?? row[column]
            var line = lines[path] ?? ["imageGcsUri": .string(path)]
            if lines[path] == nil { order.append(path) }
            if column > 0, let use = Self.mlUse[row[0].uppercased()] {
                line["dataItemResourceLabels"] = .object(["aiplatform.googleapis.com/ml_use": .string(use)])
            }
            let rest = Array(row.dropFirst(column + 1))
            switch kind {
            case .multiclass:
                if let label = rest.first(where: { !$0.isEmpty }) {
                    line["classificationAnnotation"] = .object(["displayName": .string(label)])
                }
            case .multilabel:
                var annotations = line["classificationAnnotations"]?.arrayValue ?? []
                for label in rest where !label.isEmpty { annotations.append(.object(["displayName": .string(label)])) }
                line["classificationAnnotations"] = .array(annotations)
            case .detection:
                if let box = Self.box(rest) {
                    line["boundingBoxAnnotations"] = .array((line["boundingBoxAnnotations"]?.arrayValue ?? []) + [box])
                }
            }
            lines[path] = line
        }
        return order.compactMap { lines[$0] }.map {
            String(decoding: JSONValue.object($0).encodedData(), as: UTF8.self)
        }
        .joined(separator: "\n") + "\n"
    }

    private static let mlUse = ["TRAIN": "training", "VALIDATION": "validation", "TEST": "test"]

    /// A v1 box (`label,x1,y1,x2,y1,x2,y2,x1,y2`, empty pairs allowed) as Vertex AI's annotation.
    private static func box(_ fields: [String]) -> JSONValue? {
        guard let label = fields.first, !label.isEmpty else { return nil }
        let numbers = fields.dropFirst().prefix(8).map { Double($0) }
        let xs = stride(from: 0, to: numbers.count, by: 2).compactMap { numbers[$0] }
        let ys = stride(from: 1, to: numbers.count, by: 2).compactMap { numbers[$0] }
        guard let xMin = xs.min(), let xMax = xs.max(), let yMin = ys.min(), let yMax = ys.max() else { return nil }
        return .object([
            "displayName": .string(label), "xMin": .number(xMin), "xMax": .number(xMax), "yMin": .number(yMin),
            "yMax": .number(yMax),
        ])
    }
}
