/// The result of importing one CSV file: the merged examples and every refused row.
struct ImportCSVResult: Sendable, Hashable {
    /// One example per distinct image.
    var examples: [ImportedExample]
    /// How many rows were valid (before merging).
    var validRowCount: Int
    /// The refused rows, in file order.
    var errors: [ImportRowError]
}

/// Entry points that parse an import CSV file's text and merge its rows by image, for either grammar.
///
/// Imports of several CSV files can instead parse each with ``ClassificationCSVParser`` or ``DetectionCSVParser``
/// and merge all the rows at once with ``ExampleMerger``.
enum ImportCSV {
    /// Parses and merges an image classification CSV.
    static func classification(
        _ text: String, csvURI: String, multiLabel: Bool, allowsLocalPaths: Bool = false
    ) -> ImportCSVResult {
        let parsed = ClassificationCSVParser(csvURI: csvURI, multiLabel: multiLabel, allowsLocalPaths: allowsLocalPaths)
            .parse(text)
        let merged = ExampleMerger.mergeClassification(parsed.rows, multiLabel: multiLabel)
        return result(parsed, merged)
    }

    /// Parses and merges an object detection CSV.
    static func objectDetection(_ text: String, csvURI: String, allowsLocalPaths: Bool = false) -> ImportCSVResult {
        let parsed = DetectionCSVParser(csvURI: csvURI, allowsLocalPaths: allowsLocalPaths).parse(text)
        return result(parsed, ExampleMerger.mergeDetection(parsed.rows))
    }

    private static func result(_ parsed: ImportParseResult, _ merged: ImportMergeResult) -> ImportCSVResult {
        // A file whose first row is not an import row is not an import CSV: refuse it whole, without quoting any of
        // it (row errors quote their fields, and the file may be anything the server can read).
        let firstValid = parsed.rows.map(\.rowNumber).min() ?? .max
        if let firstError = parsed.errors.min(by: { $0.rowNumber < $1.rowNumber }), firstError.rowNumber < firstValid {
            let refusal = ImportRowError(
                csvURI: firstError.csvURI, rowNumber: firstError.rowNumber,
                detail: "the file is not an import CSV: its first row is not one (such as "
                    + "TRAIN,gs://bucket/image.jpg,label); nothing of it is imported or quoted")
            return ImportCSVResult(examples: [], validRowCount: 0, errors: [refusal])
        }
        return ImportCSVResult(
            examples: merged.examples,
            validRowCount: parsed.rows.count - merged.errors.count,
            errors: (parsed.errors + merged.errors).sorted { $0.rowNumber < $1.rowNumber }
        )
    }
}
