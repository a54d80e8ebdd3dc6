import Testing

@testable import AutoMLEmulator

@Suite("ClassificationCSVParser")
struct ClassificationCSVParserTests {
    static let csvURI = "gs://bucket/x.csv"

    private func parse(_ text: String, multiLabel: Bool = true) -> ImportParseResult {
        ClassificationCSVParser(csvURI: Self.csvURI, multiLabel: multiLabel).parse(text)
    }

    @Test("the reference's example rows")
    func referenceExample() {
        let result = parse(
            """
            TRAIN,gs://folder/image1.jpg,daisy
            TEST,gs://folder/image2.jpg,dandelion,tulip,rose
            UNASSIGNED,gs://folder/image3.jpg,daisy
            UNASSIGNED,gs://folder/image4.jpg
            gs://folder/image5.jpg,tulip
            """
        )
        #expect(result.errors.isEmpty)
        #expect(result.rows.map(\.mlUse) == [.train, .test, .unassigned, .unassigned, .unassigned])
        #expect(result.rows.map(\.path) == (1...5).map { "gs://folder/image\($0).jpg" })
        #expect(result.rows.map(\.labels) == [["daisy"], ["dandelion", "tulip", "rose"], ["daisy"], [], ["tulip"]])
        #expect(result.rows.map(\.rowNumber) == [1, 2, 3, 4, 5])
        #expect(result.rows.allSatisfy { $0.box == nil && $0.csvURI == Self.csvURI })
    }

    @Test(
        "ML_USE spellings, any case",
        arguments: [
            ("TRAIN", MLUse.train), ("training", .train), ("Train", .train), ("VALIDATION", .validation),
            ("validate", .validation), ("TEST", .test), ("test", .test), ("Unassigned", .unassigned),
        ]
    )
    func mlUseSpellings(field: String, expected: MLUse) throws {
        let row = try #require(parse("\(field),gs://bucket/a.jpg,cat").rows.first)
        #expect(row.mlUse == expected)
    }

    @Test("an empty first column before a path is an empty ML_USE")
    func emptyMLUse() throws {
        let row = try #require(parse(",gs://bucket/a.jpg,cat").rows.first)
        #expect(row.mlUse == .unassigned)
        #expect(row.path == "gs://bucket/a.jpg")
    }

    @Test("empty trailing label fields are ignored; repeated labels count once")
    func trailingEmptyLabels() throws {
        let result = parse("TRAIN,gs://bucket/a.jpg,cat,,,\ngs://bucket/b.jpg,,\nTEST,gs://bucket/c.jpg,cat,cat")
        #expect(result.errors.isEmpty)
        #expect(result.rows.map(\.labels) == [["cat"], [], ["cat"]])
    }

    @Test("quoted fields, CRLF and a BOM")
    func quotingAndLineEnds() throws {
        let result = parse("\u{FEFF}TRAIN,\"gs://bucket/a,b.jpg\",cat\r\n\"TEST\",gs://bucket/c.jpg,\"dog\"\r\n")
        #expect(result.errors.isEmpty)
        #expect(result.rows.map(\.path) == ["gs://bucket/a,b.jpg", "gs://bucket/c.jpg"])
        #expect(result.rows.map(\.labels) == [["cat"], ["dog"]])
    }

    @Test("MULTICLASS: two labels on a row is a row error, other rows still parse")
    func multiclass() {
        let result = parse(
            "TRAIN,gs://bucket/a.jpg,cat\nTRAIN,gs://bucket/b.jpg,cat,dog\nTEST,gs://bucket/c.jpg,dog",
            multiLabel: false
        )
        #expect(result.rows.map(\.path) == ["gs://bucket/a.jpg", "gs://bucket/c.jpg"])
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.rowNumber == 2)
        #expect(result.errors.first?.message.hasPrefix("Error: gs://bucket/x.csv line 2: ") == true)
        #expect(result.errors.first?.message.contains("MULTICLASS") == true)
    }

    @Test(
        "row errors",
        arguments: [
            ("TRAINN,gs://bucket/a.jpg,cat", "neither an ML_USE value"),
            ("TRAIN", "image path is missing"),
            ("TRAIN,,cat", "image path is missing"),
            ("TRAIN,gs://bucket/a.jpg,cat,,dog", "between two labels is empty"),
            ("TRAIN,gs://bucket/a.jpg,hot-dog", "label \"hot-dog\" is invalid"),
            ("TRAIN,gs://bucket/a.jpg,café", "is invalid"),
            ("TRAIN,gs://bucket/a.jpg," + String(repeating: "a", count: 33), "longer than 32"),
            ("TRAIN,gs://bucket/../a.jpg,cat", "\"..\" segment"),
            ("TRAIN,/local/a.jpg,cat", "expected a gs://BUCKET/OBJECT URI"),
            ("TRAIN,gs://B/a.jpg,cat", "bucket name"),
        ]
    )
    func rowErrors(line: String, expected: String) throws {
        let result = parse("\n" + line)
        #expect(result.rows.isEmpty)
        let error = try #require(result.errors.first)
        #expect(error.rowNumber == 2)
        #expect(error.message.hasPrefix("Error: gs://bucket/x.csv line 2: "), "\(error.message)")
        #expect(error.message.contains(expected), "\(error.message)")
    }

    @Test("a 32-character label is fine")
    func longestLabel() {
        let label = String(repeating: "A_1", count: 10) + "zz"
        #expect(parse("gs://bucket/a.jpg,\(label)").rows.first?.labels == [label])
    }

    @Test("local paths only when allowed")
    func localPaths() {
        let parser = ClassificationCSVParser(csvURI: "/tmp/x.csv", multiLabel: false, allowsLocalPaths: true)
        let result = parser.parse("TRAIN,/data/a.jpg,cat\nfile:///data/b.jpg,dog\n")
        #expect(result.errors.isEmpty)
        #expect(result.rows.map(\.path) == ["/data/a.jpg", "file:///data/b.jpg"])
    }

    @Test("row numbers count blank lines and CSV syntax errors are row errors")
    func rowNumbers() {
        let text = "\n\nTRAIN,gs://bucket/a.jpg,cat\n\n  \nTEST,\"gs://bucket/b.jpg,cat\n\nTEST,gs://bucket/c.jpg\n"
        let result = parse(text)
        #expect(result.rows.map(\.rowNumber) == [3, 8])
        #expect(result.errors.map(\.rowNumber) == [6])
    }
}
