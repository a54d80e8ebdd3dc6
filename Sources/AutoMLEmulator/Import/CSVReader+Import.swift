import AutoMLWire
import Foundation

extension CSVReader {
    /// The largest CSV file accepted (reference 6.6: each input CSV is at most 100 MB).
    static let maxFileSize = 100 * 1_024 * 1_024

    /// Checks the size of a CSV file's bytes and decodes them as UTF-8.
    ///
    /// - Throws: ``ImportFileError`` when the file is too large or not valid UTF-8.
    static func decode(_ data: Data, csvURI: String) throws -> String {
        guard data.count <= maxFileSize else {
            throw ImportFileError(csvURI: csvURI, detail: "the file is \(data.count) bytes; the limit is 100 MB")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ImportFileError(csvURI: csvURI, detail: "the file is not valid UTF-8")
        }
        return text
    }
}
