import AutoMLWire

/// Parses object detection import CSVs (reference 6.6):
/// `ML_USE,GCS_FILE_PATH,[LABEL],(BOUNDING_BOX | ,,,,,,,)`, 11 columns, one row per box.
///
/// `ML_USE` is required. Missing trailing columns are treated as empty, and so are extra trailing columns that are
/// empty. A box is either 2 vertices (`x_min,y_min,,,x_max,y_max,,`) or 4 (`x1,y1,x2,y2,x3,y3,x4,y4`, of which the
/// minimum and maximum are taken). Coordinates are decimal numbers in [0, 1] (`.3` allowed); `x_max > x_min`,
/// `y_max > y_min`, and each edge is at least ``ImportedBox/minimumEdge``. A row with an empty label and an empty box
/// is an image with no objects; a label without a box, or a box without a label, is an error.
struct DetectionCSVParser: ImportRowParser {
    /// The number of columns of a row.
    static let columnCount = 11

    /// The URI of the CSV file, quoted in every error message.
    var csvURI: String
    /// Whether image paths may be absolute local paths or `file://` URLs besides `gs://` URIs.
    var allowsLocalPaths: Bool = false

    /// Parses one record.
    func parseRecord(_ record: CSVRecord) -> Result<ImportRow, ImportRowError> {
        do throws(RowProblem) {
            return .success(try parseRow(record))
        } catch {
            return .failure(ImportRowError(csvURI: csvURI, rowNumber: record.lineNumber, detail: error.detail))
        }
    }

    private struct RowProblem: Error {
        var detail: String
        init(_ detail: String) { self.detail = detail }
    }

    private func parseRow(_ record: CSVRecord) throws(RowProblem) -> ImportRow {
        var fields = record.fields
        if fields.count > Self.columnCount {
            guard fields[Self.columnCount...].allSatisfy(\.isEmpty) else {
                throw RowProblem("expected \(Self.columnCount) columns, found \(fields.count)")
            }
            fields.removeLast(fields.count - Self.columnCount)
        }
        fields += Array(repeating: "", count: Self.columnCount - fields.count)

        guard let mlUse = MLUse(csvValue: fields[0]) else {
            if fields[0].isEmpty || ImportFieldRules.looksLikePath(fields[0]) {
                throw RowProblem(
                    "the ML_USE column is missing; object detection rows need \(ImportFieldRules.mlUseValues)"
                )
            }
            throw RowProblem("unknown ML_USE \"\(fields[0])\"; expected \(ImportFieldRules.mlUseValues)")
        }
        let path = fields[1]
        if path.isEmpty { throw RowProblem("the image path is missing") }
        if let problem = ImportFieldRules.pathProblem(path, allowsLocalPaths: allowsLocalPaths) {
            throw RowProblem(problem)
        }
        let label = fields[2]
        let coordinates = Array(fields[3...])
        let hasBox = coordinates.contains { !$0.isEmpty }
        var box: ImportedBox?
        switch (label.isEmpty, hasBox) {
        case (true, false):
            box = nil
        case (true, true):
            throw RowProblem("the bounding box has no label")
        case (false, false):
            throw RowProblem("label \"\(label)\" has no bounding box")
        case (false, true):
            if let problem = ImportFieldRules.labelProblem(label) { throw RowProblem(problem) }
            box = try Self.box(label: label, coordinates)
        }
        return ImportRow(csvURI: csvURI, rowNumber: record.lineNumber, mlUse: mlUse, path: path, labels: [], box: box)
    }

    /// Reads the eight box columns (columns 4–11 of the row).
    private static func box(label: String, _ fields: [String]) throws(RowProblem) -> ImportedBox {
        let present = fields.map { !$0.isEmpty }
        var values: [Double] = []
        for (offset, field) in fields.enumerated() where !field.isEmpty {
            values.append(try coordinate(field, column: offset + 4))
        }
        let box: ImportedBox
        if present == [true, true, false, false, true, true, false, false] {
            let (xMin, yMin, xMax, yMax) = (values[0], values[1], values[2], values[3])
            guard xMax > xMin else {
                throw RowProblem("x_max (\(fields[4])) must be greater than x_min (\(fields[0]))")
            }
            guard yMax > yMin else {
                throw RowProblem("y_max (\(fields[5])) must be greater than y_min (\(fields[1]))")
            }
            box = ImportedBox(label: label, xMin: xMin, yMin: yMin, xMax: xMax, yMax: yMax)
        } else if present.allSatisfy({ $0 }) {
            let xs = stride(from: 0, to: 8, by: 2).map { values[$0] }
            let ys = stride(from: 1, to: 8, by: 2).map { values[$0] }
            box = ImportedBox(
                label: label, xMin: xs.min() ?? 0, yMin: ys.min() ?? 0, xMax: xs.max() ?? 0, yMax: ys.max() ?? 0
            )
        } else {
            throw RowProblem(
                "a bounding box needs 2 vertices (x_min,y_min,,,x_max,y_max,,) or 4 vertices (x1,y1,x2,y2,x3,y3,x4,y4)"
            )
        }
        // Differences of decimal fractions are inexact (0.11 - 0.1 < 0.01 in binary), hence the tolerance.
        let tolerance = 1e-9
        let (width, height) = (box.xMax - box.xMin, box.yMax - box.yMin)
        guard width + tolerance >= ImportedBox.minimumEdge, height + tolerance >= ImportedBox.minimumEdge else {
            throw RowProblem(
                "the bounding box is \(format(width)) wide and \(format(height)) high; each edge must be at least"
                    + " \(ImportedBox.minimumEdge)"
            )
        }
        return box
    }

    /// A coordinate: a plain decimal number (`0.3`, `.3`, `1`, `3e-1`) in [0, 1].
    private static func coordinate(_ field: String, column: Int) throws(RowProblem) -> Double {
        let allowed = Set("0123456789.eE+-")
        guard field.contains(where: \.isNumber), field.allSatisfy(allowed.contains), let value = Double(field),
            value.isFinite
        else {
            throw RowProblem("column \(column): \"\(field)\" is not a number")
        }
        guard (0...1).contains(value) else {
            throw RowProblem("column \(column): coordinate \(field) is outside [0, 1]")
        }
        return value
    }

    /// A length rounded for messages (`0.005`, not `0.0050000000000000044`).
    private static func format(_ value: Double) -> String {
        let rounded = (value * 1e6).rounded() / 1e6
        return "\(rounded)"
    }
}
