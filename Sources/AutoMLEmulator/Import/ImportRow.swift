/// A labelled bounding box of an object detection example, in coordinates relative to the image size.
struct ImportedBox: Sendable, Hashable {
    /// The smallest edge a box may have, relative to the image (reference 6.6).
    static let minimumEdge = 0.01
    /// The smallest edge a box may have in pixels (reference 6.6: 8×8 px).
    static let minimumPixelEdge = 8

    /// The object's label.
    var label: String
    /// The left edge, in [0, 1] of the image width.
    var xMin: Double
    /// The top edge, in [0, 1] of the image height.
    var yMin: Double
    /// The right edge, greater than ``xMin``.
    var xMax: Double
    /// The bottom edge, greater than ``yMin``.
    var yMax: Double

    /// Whether the box is at least ``minimumPixelEdge`` pixels on each side in an image of the given size; the
    /// import checks this once the image's header has been probed.
    func meetsMinimumPixelSize(imageWidth: Int, imageHeight: Int) -> Bool {
        let tolerance = 1e-9
        return (xMax - xMin) * Double(imageWidth) + tolerance >= Double(ImportedBox.minimumPixelEdge)
            && (yMax - yMin) * Double(imageHeight) + tolerance >= Double(ImportedBox.minimumPixelEdge)
    }
}

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

/// A row of an import CSV that was refused.
struct ImportRowError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URI of the CSV file the row comes from.
    var csvURI: String
    /// The 1-based line number of the row in its file.
    var rowNumber: Int
    /// What is wrong with the row, without the file and line.
    var detail: String

    /// A message in the service's style: `Error: gs://bucket/x.csv line 4: <detail>`.
    var message: String { "Error: \(csvURI) line \(rowNumber): \(detail)" }
    var description: String { message }
}

/// The rows of one import CSV: the valid ones and the refused ones, each in file order.
struct ImportParseResult: Sendable, Hashable {
    /// The valid rows.
    var rows: [ImportRow]
    /// The refused rows, including records the CSV reader could not split.
    var errors: [ImportRowError]
}
