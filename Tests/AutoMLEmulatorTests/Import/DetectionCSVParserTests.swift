import Testing

@testable import AutoMLEmulator

@Suite("DetectionCSVParser")
struct DetectionCSVParserTests {
    static let csvURI = "gs://bucket/boxes.csv"

    private func parse(_ text: String) -> ImportParseResult {
        DetectionCSVParser(csvURI: Self.csvURI).parse(text)
    }

    private func box(_ line: String) throws -> ImportedBox {
        let result = parse(line)
        #expect(result.errors.isEmpty, "\(result.errors.map(\.message))")
        return try #require(result.rows.first?.box)
    }

    private func expectError(_ line: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let result = parse("\n\n" + line)
        #expect(result.rows.isEmpty, sourceLocation: sourceLocation)
        #expect(result.errors.count == 1, sourceLocation: sourceLocation)
        let message = result.errors.first?.message ?? ""
        let prefix = "Error: gs://bucket/boxes.csv line 3: "
        #expect(message.hasPrefix(prefix), "\(message)", sourceLocation: sourceLocation)
        #expect(message.contains(expected), "\(message)", sourceLocation: sourceLocation)
    }

    @Test("the reference's example rows")
    func referenceExample() throws {
        let result = parse(
            """
            TRAIN,gs://folder/image1.png,car,0.1,0.1,,,0.3,0.3,,
            TRAIN,gs://folder/image1.png,bike,.7,.6,,,.8,.9,,
            UNASSIGNED,gs://folder/im2.png,car,0.1,0.1,0.2,0.1,0.2,0.3,0.1,0.3
            TEST,gs://folder/im3.png,,,,,,,,,
            """
        )
        #expect(result.errors.isEmpty)
        #expect(result.rows.map(\.mlUse) == [.train, .train, .unassigned, .test])
        #expect(result.rows[0].box == ImportedBox(label: "car", xMin: 0.1, yMin: 0.1, xMax: 0.3, yMax: 0.3))
        #expect(result.rows[1].box == ImportedBox(label: "bike", xMin: 0.7, yMin: 0.6, xMax: 0.8, yMax: 0.9))
        #expect(result.rows[2].box == ImportedBox(label: "car", xMin: 0.1, yMin: 0.1, xMax: 0.2, yMax: 0.3))
        #expect(result.rows[3].box == nil)
        #expect(result.rows.allSatisfy { $0.labels.isEmpty })
    }

    @Test("4 vertices in any order give their min and max")
    func fourVertices() throws {
        let found = try box("TEST,gs://bucket/a.jpg,cat,0.9,0.5,0.2,0.5,0.2,0.05,0.9,0.05")
        #expect(found == ImportedBox(label: "cat", xMin: 0.2, yMin: 0.05, xMax: 0.9, yMax: 0.5))
    }

    @Test("leading zero optional, 0 and 1 inclusive, exponents read")
    func numberForms() throws {
        #expect(
            try box("TRAIN,gs://bucket/a.jpg,cat,.3,0,,,1,1.0,,")
                == ImportedBox(
                    label: "cat", xMin: 0.3, yMin: 0, xMax: 1, yMax: 1))
        #expect(try box("TRAIN,gs://bucket/a.jpg,cat,1e-1,0.1,,,2.5E-1,0.5,,").xMax == 0.25)
    }

    @Test("missing trailing empty columns, and extra empty ones, are tolerated")
    func columnCounts() throws {
        #expect(try box("TRAIN,gs://bucket/a.jpg,cat,0.1,0.1,,,0.3,0.3").xMax == 0.3)
        #expect(try box("TRAIN,gs://bucket/a.jpg,cat,0.1,0.1,,,0.3,0.3,,,,").yMax == 0.3)
        let result = parse("TEST,gs://bucket/a.jpg\nTEST,gs://bucket/b.jpg,\n")
        #expect(result.errors.isEmpty)
        #expect(result.rows.map(\.box) == [nil, nil])
    }

    @Test("ML_USE spellings are normalized")
    func mlUseSpellings() {
        let result = parse(
            "training,gs://bucket/a.jpg,,,,,,,,,\nValidate,gs://bucket/b.jpg\nvalidation,gs://bucket/c.jpg"
        )
        #expect(result.rows.map(\.mlUse) == [.train, .validation, .validation])
    }

    @Test("an edge of exactly 0.01 is accepted, inexact decimals included")
    func minimumEdge() throws {
        #expect(try box("TRAIN,gs://bucket/a.jpg,cat,0.1,0.1,,,0.11,0.11,,").xMax == 0.11)
        #expect(try box("TRAIN,gs://bucket/a.jpg,cat,0.99,0,,,1,0.01,,").xMin == 0.99)
    }

    @Test("box errors")
    func boxErrors() {
        expectError("TRAIN,gs://bucket/a.jpg,cat,0.1,0.1,,,0.105,0.3,,", "each edge must be at least 0.01")
        expectError("TRAIN,gs://bucket/a.jpg,cat,0.1,0.1,,,0.3,0.105,,", "0.005 high")
        expectError("TRAIN,gs://bucket/a.jpg,cat,0.1,0.1,,,1.2,0.3,,", "coordinate 1.2 is outside [0, 1]")
        expectError("TRAIN,gs://bucket/a.jpg,cat,-0.1,0.1,,,0.3,0.3,,", "outside [0, 1]")
        expectError("TRAIN,gs://bucket/a.jpg,cat,0.3,0.1,,,0.1,0.3,,", "x_max (0.1) must be greater than x_min (0.3)")
        expectError("TRAIN,gs://bucket/a.jpg,cat,0.1,0.3,,,0.3,0.3,,", "y_max")
        expectError("TRAIN,gs://bucket/a.jpg,cat,abc,0.1,,,0.3,0.3,,", "column 4: \"abc\" is not a number")
        expectError("TRAIN,gs://bucket/a.jpg,cat,nan,0.1,,,0.3,0.3,,", "not a number")
        expectError("TRAIN,gs://bucket/a.jpg,cat,0.1,0.1,0.3,,0.3,0.3,,", "2 vertices")
        expectError("TRAIN,gs://bucket/a.jpg,cat,0.1,0.1,,,0.3,0.3,0.3,", "2 vertices")
        expectError("TRAIN,gs://bucket/a.jpg,cat,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1", "each edge must be at least")
    }

    @Test("row errors: ML_USE, path, label, column count")
    func rowErrors() {
        expectError("TRAINN,gs://bucket/a.jpg,cat,0.1,0.1,,,0.3,0.3,,", "unknown ML_USE \"TRAINN\"")
        expectError("gs://bucket/a.jpg,cat,0.1,0.1,,,0.3,0.3,,", "ML_USE column is missing")
        expectError(",gs://bucket/a.jpg,,,,,,,,,", "ML_USE column is missing")
        expectError("TRAIN,,cat,0.1,0.1,,,0.3,0.3,,", "image path is missing")
        expectError("TRAIN,gs://bucket/a/../../b.jpg,cat,0.1,0.1,,,0.3,0.3,,", "\"..\" segment")
        expectError("TRAIN,gs://bucket/a.jpg,,0.1,0.1,,,0.3,0.3,,", "the bounding box has no label")
        expectError("TRAIN,gs://bucket/a.jpg,cat,,,,,,,,", "label \"cat\" has no bounding box")
        expectError("TRAIN,gs://bucket/a.jpg,big cat,0.1,0.1,,,0.3,0.3,,", "is invalid")
        expectError("TRAIN,gs://bucket/a.jpg,cat,0.1,0.1,,,0.3,0.3,,,x", "expected 11 columns, found 12")
    }

    @Test("good rows survive bad ones, row numbers count blank lines, CRLF and BOM")
    func mixed() {
        let text =
            "\u{FEFF}TRAIN,gs://bucket/a.jpg,cat,0.1,0.1,,,0.3,0.3,,\r\n\r\n"
            + "TRAIN,gs://bucket/a.jpg,cat,0.1,0.1,,,0.105,0.3,,\r\n"
            + "TEST,\"gs://bucket/with,comma.jpg\",dog,.2,.2,,,.4,.4,,\r\n"
            + "BOGUS,gs://bucket/c.jpg,,,,,,,,,\r\n"
        let result = parse(text)
        #expect(result.rows.map(\.rowNumber) == [1, 4])
        #expect(result.rows.map(\.path) == ["gs://bucket/a.jpg", "gs://bucket/with,comma.jpg"])
        #expect(result.errors.map(\.rowNumber) == [3, 5])
    }
}
