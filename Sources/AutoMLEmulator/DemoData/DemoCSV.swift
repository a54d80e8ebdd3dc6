import Foundation

/// Formats the rows of the two import CSV grammars (reference 6.6) for the demo datasets.
enum DemoCSV {
    /// `ML_USE,PATH,LABEL`.
    static func classificationRow(split: String, path: String, label: String) -> String {
        "\(split),\(field(path)),\(label)\n"
    }

    /// `ML_USE,PATH,LABEL,x_min,y_min,,,x_max,y_max,,` with coordinates relative to the image side.
    static func detectionRow(split: String, path: String, label: String, box: DemoPixelBox, imageSize: Int) -> String {
        let xMin = fraction(box.minX, of: imageSize)
        let yMin = fraction(box.minY, of: imageSize)
        let xMax = fraction(box.maxX + 1, of: imageSize)
        let yMax = fraction(box.maxY + 1, of: imageSize)
        return "\(split),\(field(path)),\(label),\(xMin),\(yMin),,,\(xMax),\(yMax),,\n"
    }

    /// `numerator / denominator` (both non-negative, numerator ≤ denominator) with at most 6 decimals, trailing
    /// zeros dropped: `0`, `0.5`, `0.083333`, `1`. Integer arithmetic, so the text never depends on float printing.
    static func fraction(_ numerator: Int, of denominator: Int) -> String {
        let millionths = (numerator * 1_000_000 + denominator / 2) / denominator
        if millionths >= 1_000_000 { return "1" }
        if millionths == 0 { return "0" }
        var digits = String(millionths)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "0.\(digits)"
    }

    /// A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break; only local paths can.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
