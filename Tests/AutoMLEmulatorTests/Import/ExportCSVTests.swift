import Testing

@testable import AutoMLEmulator

@Suite("ExportCSV")
struct ExportCSVTests {
    @Test("classification rows: ML_USE,URI,LABEL...")
    func classification() {
        let text = ExportCSV.classification([
            ImportedExample(path: "gs://bucket/a.jpg", mlUse: .train, labels: ["cat", "dog"]),
            ImportedExample(path: "gs://bucket/b.jpg", mlUse: .unassigned),
        ])
        #expect(text == "TRAIN,gs://bucket/a.jpg,cat,dog\nUNASSIGNED,gs://bucket/b.jpg\n")
    }

    @Test("detection rows: one per box in the 2-vertex form, and an empty box for an image with none")
    func detection() {
        let text = ExportCSV.objectDetection([
            ImportedExample(
                path: "gs://bucket/a.jpg", mlUse: .validation,
                boxes: [
                    ImportedBox(label: "car", xMin: 0.1, yMin: 0.2, xMax: 0.3, yMax: 0.4),
                    ImportedBox(label: "bike", xMin: 0, yMin: 0.5, xMax: 1, yMax: 0.75),
                ]
            ),
            ImportedExample(path: "gs://bucket/b.jpg", mlUse: .test),
        ])
        #expect(
            text == """
                VALIDATION,gs://bucket/a.jpg,car,0.1,0.2,,,0.3,0.4,,
                VALIDATION,gs://bucket/a.jpg,bike,0.0,0.5,,,1.0,0.75,,
                TEST,gs://bucket/b.jpg,,,,,,,,,

                """
        )
    }

    @Test("fields are quoted only when needed")
    func quoting() {
        #expect(ExportCSV.field("gs://bucket/a.jpg") == "gs://bucket/a.jpg")
        #expect(ExportCSV.field("gs://bucket/a,b.jpg") == "\"gs://bucket/a,b.jpg\"")
        #expect(ExportCSV.field("gs://bucket/say \"hi\".jpg") == "\"gs://bucket/say \"\"hi\"\".jpg\"")
        #expect(ExportCSV.field("gs://bucket/two\nlines.jpg") == "\"gs://bucket/two\nlines.jpg\"")
        #expect(ExportCSV.field("gs://bucket/trailing ") == "\"gs://bucket/trailing \"")
    }

    @Test("classification export → parse round trip")
    func classificationRoundTrip() {
        let examples = [
            ImportedExample(path: "gs://bucket/a,b.jpg", mlUse: .train, labels: ["cat", "dog"]),
            ImportedExample(path: "gs://bucket/say \"hi\".jpg", mlUse: .test, labels: ["None_of_the_above"]),
            ImportedExample(path: "gs://bucket/two words.jpg", mlUse: .validation),
            ImportedExample(path: "gs://bucket/unassigned.jpg", mlUse: .unassigned, labels: ["x"]),
        ]
        let result = ImportCSV.classification(
            ExportCSV.classification(examples), csvURI: "gs://bucket/export.csv", multiLabel: true
        )
        #expect(result.errors.isEmpty)
        #expect(result.examples == examples)
    }

    @Test("detection export → parse round trip, coordinates exact")
    func detectionRoundTrip() {
        let examples = [
            ImportedExample(
                path: "gs://bucket/a.jpg", mlUse: .train,
                boxes: [
                    ImportedBox(label: "car", xMin: 0.1, yMin: 1.0 / 3, xMax: 0.30000000000000004, yMax: 0.9),
                    ImportedBox(label: "tiny", xMin: 0.00001, yMin: 0, xMax: 0.01001, yMax: 1),
                ]
            ),
            ImportedExample(path: "gs://bucket/none,here.jpg", mlUse: .unassigned),
        ]
        let result = ImportCSV.objectDetection(ExportCSV.objectDetection(examples), csvURI: "gs://bucket/export.csv")
        #expect(result.errors.isEmpty, "\(result.errors.map(\.message))")
        #expect(result.examples == examples)
    }
}
