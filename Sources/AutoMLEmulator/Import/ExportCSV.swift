/// Writes examples as CSV in the import grammars (reference 6.6), so that an export can be imported again.
///
/// Classification rows are `ML_USE,URI[,LABEL...]`. Object detection writes one row per box in the 2-vertex form
/// `ML_USE,URI,LABEL,x_min,y_min,,,x_max,y_max,,`, and `ML_USE,URI,,,,,,,,,` for an image with no boxes. Lines end
/// with LF; fields are quoted only when they must be. Paths are written as they are: map local files to `gs://` URIs
/// (``GCSPathMapper/gcsURI(forFileAt:)``) first.
enum ExportCSV {
    /// The classification CSV of `examples`.
    static func classification(_ examples: [ImportedExample]) -> String {
        examples.map { example in
            ([example.mlUse.rawValue, example.path] + example.labels).map(field).joined(separator: ",") + "\n"
        }.joined()
    }

    /// The object detection CSV of `examples`.
    static func objectDetection(_ examples: [ImportedExample]) -> String {
        var text = ""
        for example in examples {
            let prefix = field(example.mlUse.rawValue) + "," + field(example.path) + ","
            if example.boxes.isEmpty {
                text += prefix + String(repeating: ",", count: DetectionCSVParser.columnCount - 3) + "\n"
            }
            for box in example.boxes {
                let (xMin, yMin) = (coordinate(box.xMin), coordinate(box.yMin))
                let (xMax, yMax) = (coordinate(box.xMax), coordinate(box.yMax))
                let corners = [xMin, yMin, "", "", xMax, yMax, "", ""]
                text += prefix + ([field(box.label)] + corners).joined(separator: ",") + "\n"
            }
        }
        return text
    }

    /// A field, quoted (with `"` doubled) when it holds a comma, quote, line break, or leading or trailing blanks,
    /// which the reader would otherwise split or trim.
    static func field(_ value: String) -> String {
        let needsQuotes =
            value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || value.first.map { $0 == " " || $0 == "\t" } == true
            || value.last.map { $0 == " " || $0 == "\t" } == true
        guard needsQuotes else { return value }
        var quoted = "\""
        for character in value {
            quoted += character == "\"" ? "\"\"" : String(character)
        }
        return quoted + "\""
    }

    /// A coordinate in the shortest form that reads back as the same `Double`.
    static func coordinate(_ value: Double) -> String {
        "\(value)"
    }
}
