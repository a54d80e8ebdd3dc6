import AutoMLWire

/// A parser of one import CSV grammar: it reads records one at a time, and the whole file the same way for both.
protocol ImportRowParser: Sendable {
    /// The URI of the CSV file, quoted in every error message.
    var csvURI: String { get }
    /// Parses one record.
    func parseRecord(_ record: CSVRecord) -> Result<ImportRow, ImportRowError>
}

extension ImportRowParser {
    /// Parses a whole CSV file's text.
    func parse(_ text: String) -> ImportParseResult {
        let (records, syntaxErrors) = CSVReader.read(text)
        var result = ImportParseResult(
            rows: [],
            errors: syntaxErrors.map { ImportRowError(csvURI: csvURI, rowNumber: $0.lineNumber, detail: $0.message) }
        )
        for record in records {
            switch parseRecord(record) {
            case .success(let row): result.rows.append(row)
            case .failure(let error): result.errors.append(error)
            }
        }
        result.errors.sort { $0.rowNumber < $1.rowNumber }
        return result
    }
}
