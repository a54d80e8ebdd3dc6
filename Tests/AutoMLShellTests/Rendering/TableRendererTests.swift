import AutoMLClient
import Testing

@testable import AutoMLShell

@Suite("Renderer: table")
struct TableRendererTests {
    private func table(_ value: JSONValue, width: Int = 100, colors: Bool = false) -> String {
        Renderer.render(value, format: .table, colors: colors, width: width)
    }

    private func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    }

    @Test func listOfModelsHasOneRowPerModel() {
        let text = table(RenderingFixtures.json(RenderingFixtures.models), width: 200)
        let rows = lines(text)
        #expect(rows.count == 4)
        #expect(rows[0].hasPrefix("ID                      DISPLAY NAME"))
        #expect(rows[1].hasPrefix("ICN1234567890123456789  flowers_20240301"))
        #expect(rows[1].contains("DEPLOYED"))
        #expect(rows[3].contains("cloud-high-accuracy-1"))
    }

    @Test(arguments: [60, 72, 80, 100, 120])
    func fitsTheWidthWithEllipsesAndNoTrailingSpaces(width: Int) {
        let values = [
            RenderingFixtures.models.protoJSON(options: .canonical),
            RenderingFixtures.operations.protoJSON(options: .canonical),
            RenderingFixtures.trainingDone.protoJSON(options: .canonical),
        ]
        for value in values {
            for line in lines(table(value, width: width)) {
                #expect(line.count <= width, "\(line)")
                #expect(line.last != " ")
            }
        }
        let narrow = table(RenderingFixtures.json(RenderingFixtures.models), width: 60)
        #expect(narrow.contains("…"))
    }

    @Test func columnsAreSeparatedByTwoSpacesAndAligned() {
        let value: JSONValue = .array([
            .object(["name": .string("a/b/ID1"), "displayName": .string("x")]),
            .object(["name": .string("a/b/LONGER2"), "displayName": .string("yy")]),
        ])
        #expect(table(value) == "ID       DISPLAY NAME\nID1      x\nLONGER2  yy\n")
    }

    @Test func bareArrayOfScalars() {
        #expect(table(.array([.string("a"), .integer(2)])) == "VALUE\na\n2\n")
    }

    @Test func emptyLists() {
        #expect(table(.array([])) == "Listed 0 items.\n")
        #expect(table(.object(["model": .array([])])) == "Listed 0 items.\n")
        #expect(table(.object([:])) == "Listed 0 items.\n")
    }

    @Test func anObjectWithAnArrayAndOtherFieldsIsNotAList() {
        let status: JSONValue = .object([
            "code": .integer(3), "message": .string("bad"), "details": .array([.object(["@type": .string("t/x")])]),
        ])
        #expect(
            table(status) == """
                FIELD             VALUE
                code              3
                details[0].@type  t/x
                message           bad

                """)
    }

    @Test func singleObjectFlattensScalarsByPath() {
        let value: JSONValue = .object([
            "name": .string("p/l/models/M1"),
            "meta": .object(["count": .integer(2), "empty": .object([:])]),
            "ids": .array([.string("1"), .string("2")]),
            "none": .array([]),
        ])
        #expect(
            table(value) == """
                FIELD       VALUE
                name        p/l/models/M1
                ids         1, 2
                meta.count  2
                meta.empty  {}
                none        []

                """)
    }

    @Test func longArraysOfObjectsAreSummarized() {
        let items = (0..<5).map { JSONValue.object(["v": .object(["n": .integer(Int64($0))])]) }
        let text = table(.object(["name": .string("x"), "entries": .array(items)]))
        #expect(
            text == """
                FIELD           VALUE
                name            x
                entries[0].v.n  0
                entries[1].v.n  1
                entries[2].v.n  2
                entries[3…]     2 more (set format json or yaml to see all)

                """)
    }

    @Test func listsOfFlatRecordsBecomeTablesOfTheirOwn() {
        let labels = ["circle", "square", "star", "triangle", "cross"].enumerated().map { index, label in
            JSONValue.object(["label": .string(label), "train": .integer(Int64(40 + index)), "test": .integer(5)])
        }
        let text = table(
            .object([
                "labels": .array(labels), "advice": .array([.string("more images")]),
                "problems": .array([]),
            ]))
        #expect(
            text == """
                FIELD     VALUE
                advice    more images
                problems  []

                labels:
                LABEL     TEST  TRAIN
                circle    5     40
                square    5     41
                star      5     42
                triangle  5     43
                cross     5     44

                """)
    }

    @Test func predictionsShowLabelScoreAndBox() throws {
        let classification = try JSONValue(
            parsing: Array(
                #"""
                {"payload": [{"annotationSpecId": "11", "displayName": "daisy", "classification": {"score": 0.87654}}]}
                """#.utf8))
        #expect(
            table(classification) == """
                LABEL  SCORE  ANNOTATION SPEC
                daisy  0.877  11

                """)
        let detection = try JSONValue(
            parsing: Array(
                #"""
                {"payload": [{"annotationSpecId": "3", "displayName": "star", "imageObjectDetection": {"score": 0.5,
                 "boundingBox": {"normalizedVertices": [{"x": 0.1, "y": 0.2}, {"x": 0.75, "y": 1}]}}}]}
                """#.utf8))
        #expect(
            table(detection) == """
                LABEL  SCORE  BOX                      ANNOTATION SPEC
                star   0.500  0.100,0.200–0.750,1.000  3

                """)
    }

    /// Vertex AI's parallel arrays print as the same rows as v1's payload.
    @Test func vertexPredictionsShowTheSameRows() throws {
        let classification = try JSONValue(
            parsing: Array(
                #"""
                {"deployedModelId": "9", "predictions": [{"ids": ["11", "12"], "displayNames": ["daisy", "tulip"],
                 "confidences": [0.87654, 0.12346]}]}
                """#.utf8))
        #expect(
            table(classification) == """
                LABEL  SCORE  ANNOTATION SPEC
                daisy  0.877  11
                tulip  0.123  12

                """)
        let detection = try JSONValue(
            parsing: Array(
                #"""
                {"deployedModelId": "9", "predictions": [{"ids": ["3"], "displayNames": ["star"], "confidences": [0.5],
                 "bboxes": [[0.1, 0.75, 0.2, 1]]}]}
                """#.utf8))
        #expect(
            table(detection) == """
                LABEL  SCORE  BOX                      ANNOTATION SPEC
                star   0.500  0.100,0.200–0.750,1.000  3

                """)
    }

    @Test func evaluationMetricsShowThreeDecimals() throws {
        let list = try JSONValue(
            parsing: Array(
                #"""
                {"modelEvaluation": [{"name": "p/l/models/ICN1/modelEvaluations/7", "evaluatedExampleCount": 24,
                 "classificationEvaluationMetrics": {"auPrc": 0.99182266}}]}
                """#.utf8))
        #expect(lines(table(list)).last?.hasSuffix("  0.992") == true, "\(table(list))")
    }

    @Test func controlCharactersInCellsBecomeSpaces() {
        let text = table(.object(["message": .string("a\nb\tc")]))
        #expect(text == "FIELD    VALUE\nmessage  a b c\n")
    }

    @Test func boldHeadersWithColours() {
        let text = table(.array([.object(["name": .string("a/ID")])]), colors: true)
        #expect(text == "\u{1B}[1mID\u{1B}[0m\nID\n")
    }

    @Test func columnsStopShrinkingAtSixCharacters() {
        let layout = TableLayout(
            headers: ["ID", "DISPLAY NAME", "STATE"],
            rows: [["ICN1234567890", "a_rather_long_display_name", "UNDEPLOYED"]])
        // The widest column gives up a character at a time: 13, 26, 10 becomes 8, 9, 9 in 30 columns; cells are cut
        // in the middle, headers at the end.
        #expect(layout.fittedWidths(width: 30) == [8, 9, 9])
        #expect(layout.fittedWidths(width: 10) == [6, 6, 6])
        #expect(layout.render(width: 30, bold: false) == "ID        DISPLAY…   STATE\nICN1…890  a_ra…name  UNDE…OYED\n")
    }

    @Test func keyColumnsNeverShrinkAndTheRightmostOthersGoFirst() {
        let layout = TableLayout(
            headers: ["ID", "DISPLAY NAME", "STATE"],
            rows: [["ICN1234567890", "a_rather_long_display_name", "UNDEPLOYED"]], keyColumns: [0])
        #expect(layout.fittedWidths(width: 35) == [13, 9, 9])
        #expect(layout.fittedWidths(width: 25) == [13, 6, 6], "the ID keeps its width")
        #expect(layout.keptColumns(width: 25) == [0, 1], "STATE is left out rather than the ID cut")
        #expect(layout.render(width: 25, bold: false) == "ID             DISPLAY N…\nICN1234567890  a_rat…name\n")
    }

    @Test func pathsAreCutAtTheStart() {
        #expect(TableLayout.truncateStart("metrics.entry[0].recall", to: 10) == "…0].recall")
        let text = table(.object(["classificationEvaluationMetrics": .object(["auPrc": .number(0.5)])]), width: 30)
        #expect(text == "FIELD" + String(repeating: " ", count: 20) + "VALUE\n…valuationMetrics.auPrc  0.5\n")
    }

    @Test func truncateKeepsAnEllipsisInTheWidth() {
        #expect(TableLayout.truncate("abcdef", to: 4) == "abc…")
        #expect(TableLayout.truncate("abc", to: 4) == "abc")
        #expect(TableLayout.truncate("abcdef", to: 1) == "a")
        #expect(TableLayout.truncate("ab  cdef", to: 4) == "ab…")
    }

    @Test func headersComeFromMemberNames() {
        #expect(TableColumn.headerText("exampleCount") == "EXAMPLE COUNT")
        #expect(TableColumn.headerText("etag") == "ETAG")
    }
}
