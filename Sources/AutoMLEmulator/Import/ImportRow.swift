/// One valid row of an import CSV.
struct ImportRow: Sendable, Hashable {
    /// The URI of the CSV file the row comes from.
    var csvURI: String
    /// The 1-based line number of the row in its file.
    var rowNumber: Int
    /// The split, normalized; `.unassigned` when a classification row has no `ML_USE` column.
    var mlUse: MLUse
    /// The image path as written (`gs://…`, or a local path when those are allowed).
    var path: String
    /// Classification rows: the labels, without duplicates, in row order; empty for an unlabeled image.
    /// Always empty for object detection rows (their label is in ``box``).
    var labels: [String]
    /// Object detection rows: the labelled box; nil for an image with no objects, and for classification rows.
    var box: ImportedBox?
}

/// The rows of one import CSV: the valid ones and the refused ones, each in file order.
struct ImportParseResult: Sendable, Hashable {
    /// The valid rows.
    var rows: [ImportRow]
    /// The refused rows, including records the CSV reader could not split.
    var errors: [ImportRowError]
}
