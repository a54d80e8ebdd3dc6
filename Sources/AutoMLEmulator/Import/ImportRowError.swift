/// A row of an import CSV that was refused.
struct ImportRowError: Error, Sendable, Hashable {
    /// The URI of the CSV file the row comes from.
    var csvURI: String
    /// The 1-based line number of the row in its file.
    var rowNumber: Int
    /// What is wrong with the row, without the file and line.
    var detail: String

    /// A message in the service's style: `Error: gs://bucket/x.csv line 4: <detail>`.
    var message: String { "Error: \(csvURI) line \(rowNumber): \(detail)" }
}

extension ImportRowError: CustomStringConvertible {
    var description: String { message }
}
