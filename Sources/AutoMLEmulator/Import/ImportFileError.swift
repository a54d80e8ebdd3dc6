/// A whole CSV file that cannot be imported (too large, not UTF-8).
struct ImportFileError: Error, Sendable, Hashable {
    /// The CSV file's URI, as the request gave it.
    var csvURI: String
    /// What is wrong, without the URI.
    var detail: String

    /// A message in the service's style: `Error: gs://bucket/x.csv: <detail>`.
    var message: String { "Error: \(csvURI): \(detail)" }
}

extension ImportFileError: CustomStringConvertible {
    var description: String { message }
}
