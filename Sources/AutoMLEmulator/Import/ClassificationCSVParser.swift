import AutoMLWire

/// Parses image classification import CSVs (reference 6.6): `[ML_USE,]GCS_FILE_PATH[,LABEL,...]`.
///
/// The `ML_USE` column is optional and detected per row: a first field that is an `ML_USE` word (see
/// ``MLUse/init(csvValue:)``) is the split; a first field that looks like a path (contains `/`) is the image, and the
/// row is `UNASSIGNED`; an empty first field followed by a path is read as an empty `ML_USE` (also `UNASSIGNED`).
/// Empty trailing label fields are ignored, an empty label between two labels is an error, repeated labels on a row
/// count once, and a row with no label is an unlabeled image.
struct ClassificationCSVParser: ImportRowParser {
    /// The URI of the CSV file, quoted in every error message.
    var csvURI: String
    /// Whether the dataset is MULTILABEL; for a MULTICLASS dataset a row with more than one label is an error.
    var multiLabel: Bool
    /// Whether image paths may be absolute local paths or `file://` URLs besides `gs://` URIs.
    var allowsLocalPaths: Bool = false

    /// Parses one record.
    func parseRecord(_ record: CSVRecord) -> Result<ImportRow, ImportRowError> {
        func failure(_ detail: String) -> Result<ImportRow, ImportRowError> {
            .failure(ImportRowError(csvURI: csvURI, rowNumber: record.lineNumber, detail: detail))
        }
        var fields = record.fields[...]
        guard let first = fields.first else { return failure("the row is empty") }
        let mlUse: MLUse
        if let value = MLUse(csvValue: first) {
            mlUse = value
            fields = fields.dropFirst()
        } else if ImportFieldRules.looksLikePath(first) {
            mlUse = .unassigned
        } else if first.isEmpty, fields.count > 1 {
            mlUse = .unassigned
            fields = fields.dropFirst()
        } else {
            return failure(
                "\"\(first)\" is neither an ML_USE value (\(ImportFieldRules.mlUseValues)) nor an image path"
            )
        }
        guard let path = fields.first, !path.isEmpty else { return failure("the image path is missing") }
        if let problem = ImportFieldRules.pathProblem(path, allowsLocalPaths: allowsLocalPaths) {
            return failure(problem)
        }
        var labelFields = Array(fields.dropFirst())
        while labelFields.last?.isEmpty == true { labelFields.removeLast() }
        var labels: [String] = []
        for label in labelFields {
            if label.isEmpty { return failure("a label between two labels is empty") }
            if let problem = ImportFieldRules.labelProblem(label) { return failure(problem) }
            if !labels.contains(label) { labels.append(label) }
        }
        if !multiLabel, labels.count > 1 {
            return failure(
                "the row has \(labels.count) labels (\(labels.joined(separator: ", "))), but a MULTICLASS dataset"
                    + " allows at most one label per image"
            )
        }
        return .success(
            ImportRow(csvURI: csvURI, rowNumber: record.lineNumber, mlUse: mlUse, path: path, labels: labels, box: nil)
        )
    }
}
