import AutoMLClient
import Foundation

extension LabelStats {
    /// Counts the lines of a Vertex AI export (JSON Lines in the import format, one line per image) by label and by
    /// the `aiplatform.googleapis.com/ml_use` label; an image without one is unassigned.
    init(jsonLines text: String, isDetection: Bool) {
        var rows: [String: Row] = [:]
        var unassigned = 0
        for line in text.split(whereSeparator: \.isNewline) {
            guard let item = try? JSONValue(parsing: Data(line.utf8)) else { continue }
            let annotations =
                (item["classificationAnnotation"].map { [$0] } ?? [])
                + (item["classificationAnnotations"]?.arrayValue ?? [])
                + (item["boundingBoxAnnotations"]?.arrayValue ?? [])
            // Detection counts images with the label, not boxes.
            let labels = Set(annotations.compactMap { $0["displayName"]?.stringValue }.filter { !$0.isEmpty })
            let use = item["dataItemResourceLabels"]?["aiplatform.googleapis.com/ml_use"]?.stringValue
            if !labels.isEmpty, !["training", "validation", "test"].contains(use ?? "") { unassigned += 1 }
            for label in labels {
                var row = rows[label] ?? Row(label: label)
                switch use {
                case "training": row.train += 1
                case "validation": row.validation += 1
                case "test": row.test += 1
                default: row.unassigned += 1
                }
                rows[label] = row
            }
        }
        self.init(rows: rows.values.sorted { $0.label < $1.label }, isDetection: isDetection)
        unassignedImages = unassigned
    }
}
