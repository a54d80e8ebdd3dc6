import AutoMLWire

/// Reads one Vertex AI import file (JSON Lines or CSV, told apart by the `.jsonl` extension) into the rows of the v1
/// CSV grammars, so the same row parsers, checks and merging apply: a JSON line becomes the CSV record it stands for.
struct VertexImportFile {
    var uri: String
    var kind: VertexAnnotationKind
    /// The split of rows that name none (`dataItemLabels` of the request); unassigned when nil.
    var defaultMLUse: MLUse?
    var allowsLocalPaths: Bool

    static let mlUseKey = "aiplatform.googleapis.com/ml_use"

    var isJSONLines: Bool { uri.lowercased().hasSuffix(".jsonl") }

    /// The file's images merged by path, and every refused line.
    func parse(_ text: String) -> ImportCSVResult {
        var (records, errors) = isJSONLines ? jsonRecords(text) : csvRecords(text)
        var rows: [ImportRow] = []
        for record in records {
            switch parseRecord(record) {
            case .success(var row):
                if row.mlUse == .unassigned, let defaultMLUse { row.mlUse = defaultMLUse }
                rows.append(row)
            case .failure(let error): errors.append(error)
            }
        }
        let merged =
            kind == .boundingBox
            ? ExampleMerger.mergeDetection(rows)
            : ExampleMerger.mergeClassification(rows, multiLabel: kind == .multiLabel)
        return ImportCSVResult(
            examples: merged.examples, validRowCount: rows.count - merged.errors.count,
            errors: (errors + merged.errors).sorted { $0.rowNumber < $1.rowNumber })
    }

    private func parseRecord(_ record: CSVRecord) -> Result<ImportRow, ImportRowError> {
        if kind == .boundingBox {
            return DetectionCSVParser(csvURI: uri, allowsLocalPaths: allowsLocalPaths).parseRecord(record)
        }
        return ClassificationCSVParser(csvURI: uri, multiLabel: kind == .multiLabel, allowsLocalPaths: allowsLocalPaths)
            .parseRecord(record)
    }

    /// CSV rows; a box row may leave out ML_USE (`gs://b/i.png,Tomato,0.1,…`), which the v1 grammar requires.
    private func csvRecords(_ text: String) -> ([CSVRecord], [ImportRowError]) {
        let (records, syntax) = CSVReader.read(text)
        let errors = syntax.map { ImportRowError(csvURI: uri, rowNumber: $0.lineNumber, detail: $0.message) }
        guard kind == .boundingBox else { return (records, errors) }
        return (
            records.map { record in
                guard let first = record.fields.first, ImportFieldRules.looksLikePath(first) else { return record }
                return CSVRecord(lineNumber: record.lineNumber, fields: [MLUse.unassigned.rawValue] + record.fields)
            }, errors
        )
    }

    /// One record per JSON line (one per box for bounding boxes); a line that is not an object of this schema is an
    /// error of its own.
    private func jsonRecords(_ text: String) -> ([CSVRecord], [ImportRowError]) {
        var records: [CSVRecord] = []
        var errors: [ImportRowError] = []
        // CRLF is one Character in Swift, and a line break like LF.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let number = index + 1
            guard line.contains(where: { !$0.isWhitespace }) else { continue }
            do throws(LineProblem) {
                records += try lineRecords(String(line), number: number)
            } catch {
                errors.append(ImportRowError(csvURI: uri, rowNumber: number, detail: error.detail))
            }
        }
        return (records, errors)
    }

    private struct LineProblem: Error {
        var detail: String
    }

    private func lineRecords(_ line: String, number: Int) throws(LineProblem) -> [CSVRecord] {
        let value: JSONValue
        do throws(JSONSyntaxError) {
            value = try JSONValue(parsing: Array(line.utf8))
        } catch {
            throw LineProblem(detail: "the line is not JSON: \(error)")
        }
        guard let members = value.objectValue else { throw LineProblem(detail: "the line is not a JSON object") }
        let own: String
        switch kind {
        case .singleLabel: own = "classificationAnnotation"
        case .multiLabel: own = "classificationAnnotations"
        case .boundingBox: own = "boundingBoxAnnotations"
        }
        if let stray = members.keys.sorted().first(where: {
            !["imageGcsUri", "dataItemResourceLabels", own].contains($0)
        }) {
            throw LineProblem(
                detail: "\"\(stray)\" is not a member of a \(kind.rawValue) line (imageGcsUri, \(own), "
                    + "dataItemResourceLabels)")
        }
        guard let path = members["imageGcsUri"]?.stringValue, !path.isEmpty else {
            throw LineProblem(detail: "imageGcsUri is missing")
        }
        var mlUse = ""
        if let labels = members["dataItemResourceLabels"]?.objectValue, let value = labels[Self.mlUseKey] {
            guard let text = value.stringValue, let parsed = MLUse(csvValue: text), parsed != .unassigned else {
                throw LineProblem(detail: "\(Self.mlUseKey) must be training, validation or test")
            }
            mlUse = parsed.rawValue
        }
        switch kind {
        case .singleLabel:
            let label = try Self.displayName(members["classificationAnnotation"], "classificationAnnotation")
            return [CSVRecord(lineNumber: number, fields: [mlUse, path] + (label.map { [$0] } ?? []))]
        case .multiLabel:
            var labels: [String] = []
            for annotation in try Self.list(members["classificationAnnotations"], "classificationAnnotations") {
                if let label = try Self.displayName(annotation, "classificationAnnotations[]") { labels.append(label) }
            }
            return [CSVRecord(lineNumber: number, fields: [mlUse, path] + labels)]
        case .boundingBox:
            let boxes = try Self.list(members["boundingBoxAnnotations"], "boundingBoxAnnotations")
            let use = mlUse.isEmpty ? MLUse.unassigned.rawValue : mlUse
            if boxes.isEmpty { return [CSVRecord(lineNumber: number, fields: [use, path])] }
            var records: [CSVRecord] = []
            for box in boxes {
                guard let fields = box.objectValue else {
                    throw LineProblem(detail: "boundingBoxAnnotations[] must be objects")
                }
                let label = try Self.displayName(box, "boundingBoxAnnotations[]") ?? ""
                var corners: [String] = []
                for key in ["xMin", "yMin", "xMax", "yMax"] { corners.append(try Self.coordinate(fields[key], key)) }
                records.append(
                    CSVRecord(
                        lineNumber: number,
                        fields: [use, path, label, corners[0], corners[1], "", "", corners[2], corners[3], "", ""]))
            }
            return records
        }
    }

    private static func displayName(_ value: JSONValue?, _ member: String) throws(LineProblem) -> String? {
        guard let value, value != .null else { return nil }
        guard let object = value.objectValue else { throw LineProblem(detail: "\(member) must be an object") }
        guard let name = object["displayName"]?.stringValue else {
            throw LineProblem(detail: "\(member).displayName is missing")
        }
        return name
    }

    private static func list(_ value: JSONValue?, _ member: String) throws(LineProblem) -> [JSONValue] {
        switch value {
        case nil, .null?: return []
        case .array(let items)?: return items
        default: throw LineProblem(detail: "\(member) must be a list")
        }
    }

    /// A coordinate as the CSV grammar's text: JSON numbers and numeric strings (`"0.3"`, as Google's examples write
    /// them) are both accepted.
    private static func coordinate(_ value: JSONValue?, _ key: String) throws(LineProblem) -> String {
        switch value {
        case .integer(let number)?: return String(number)
        case .number(let number)?: return String(number)
        case .string(let text)?: return text
        default: throw LineProblem(detail: "boundingBoxAnnotations[].\(key) must be a number")
        }
    }
}
