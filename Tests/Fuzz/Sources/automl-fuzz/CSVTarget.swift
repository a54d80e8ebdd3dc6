@testable import AutoMLEmulator

/// The import CSV parsers (classification, single- and multi-label, and detection) on any text: every valid row
/// becomes part of at most one example, and every refused row names a row of the file.
enum CSVTarget {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let uri = "gs://bucket/import.csv"
        let rows = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count + 1
        for result in [
            ImportCSV.classification(text, csvURI: uri, multiLabel: false),
            ImportCSV.classification(text, csvURI: uri, multiLabel: true),
            ImportCSV.objectDetection(text, csvURI: uri),
        ] {
            require(result.examples.count <= result.validRowCount, "no more examples than valid rows")
            for error in result.errors {
                require(error.rowNumber >= 1 && error.rowNumber <= rows, "refused row \(error.rowNumber) of \(rows)")
                require(error.csvURI == uri, "refused rows name the file")
            }
        }
    }
}
