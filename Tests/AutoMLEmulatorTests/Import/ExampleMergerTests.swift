import Testing

@testable import AutoMLEmulator

@Suite("ExampleMerger and ImportCSV")
struct ExampleMergerTests {
    @Test("classification: the same image twice appends labels; the first explicit split wins")
    func classificationMerge() {
        let result = ImportCSV.classification(
            "UNASSIGNED,gs://bucket/a.jpg,cat\ngs://bucket/b.jpg\nTEST,gs://bucket/a.jpg,dog,cat\n"
                + "TRAIN,gs://bucket/a.jpg,bird\ngs://bucket/b.jpg,fish\n",
            csvURI: "gs://bucket/x.csv", multiLabel: true
        )
        #expect(result.errors.isEmpty)
        #expect(result.validRowCount == 5)
        #expect(
            result.examples == [
                ImportedExample(path: "gs://bucket/a.jpg", mlUse: .test, labels: ["cat", "dog", "bird"]),
                ImportedExample(path: "gs://bucket/b.jpg", mlUse: .unassigned, labels: ["fish"]),
            ]
        )
    }

    @Test("classification, MULTICLASS: a second different label for an image is a row error")
    func multiclassMerge() {
        let result = ImportCSV.classification(
            "TRAIN,gs://bucket/a.jpg,cat\nTRAIN,gs://bucket/a.jpg,cat\nTRAIN,gs://bucket/a.jpg,dog\n"
                + "TEST,gs://bucket/b.jpg\nTEST,gs://bucket/b.jpg,dog\n",
            csvURI: "gs://bucket/x.csv", multiLabel: false
        )
        #expect(result.examples.map(\.labels) == [["cat"], ["dog"]])
        #expect(result.errors.map(\.rowNumber) == [3])
        let message = result.errors.first?.message ?? ""
        #expect(message.hasPrefix("Error: gs://bucket/x.csv line 3: image gs://bucket/a.jpg"))
        #expect(result.validRowCount == 4)
    }

    @Test("object detection: N rows of one image make one example with N boxes")
    func detectionMerge() {
        let result = ImportCSV.objectDetection(
            "TRAIN,gs://bucket/a.jpg,car,0.1,0.1,,,0.3,0.3,,\nTEST,gs://bucket/b.jpg,,,,,,,,,\n"
                + "TRAIN,gs://bucket/a.jpg,bike,0.5,0.5,,,0.7,0.7,,\nTRAIN,gs://bucket/a.jpg,car,0.1,0.1,,,0.3,0.3,,\n"
                + "TEST,gs://bucket/b.jpg,dog,0.2,0.2,,,0.4,0.4,,\n",
            csvURI: "gs://bucket/boxes.csv"
        )
        #expect(result.errors.isEmpty)
        #expect(result.examples.map(\.path) == ["gs://bucket/a.jpg", "gs://bucket/b.jpg"])
        #expect(result.examples[0].boxes.map(\.label) == ["car", "bike"])
        #expect(result.examples[1].boxes.map(\.label) == ["dog"])
        #expect(result.examples.allSatisfy { $0.labels.isEmpty })
    }

    @Test("object detection: the 501st box of an image is a row error")
    func boxLimit() {
        var text = ""
        for index in 0..<501 {
            let x = Double(index % 50) / 100
            let y = Double(index / 50) / 100
            text += "TRAIN,gs://bucket/a.jpg,car,\(x),\(y),,,\(x + 0.4),\(y + 0.4),,\n"
        }
        text += "TRAIN,gs://bucket/b.jpg,car,0.1,0.1,,,0.3,0.3,,\n"
        let result = ImportCSV.objectDetection(text, csvURI: "gs://bucket/boxes.csv")
        #expect(result.examples.map(\.boxes.count) == [500, 1])
        #expect(result.errors.map(\.rowNumber) == [501])
        #expect(result.errors.first?.detail.contains("more than 500 bounding boxes") == true)
    }

    @Test("rows of several CSVs merge, and an identity function merges one image under two paths")
    func identity() {
        let first = ClassificationCSVParser(csvURI: "gs://bucket/1.csv", multiLabel: true)
            .parse("gs://bucket/a.jpg,cat")
        let second = ClassificationCSVParser(csvURI: "gs://bucket/2.csv", multiLabel: true)
            .parse("gs://bucket/copy.jpg,dog")
        let contentHash = ["gs://bucket/a.jpg": "h1", "gs://bucket/copy.jpg": "h1"]
        let merged = ExampleMerger.mergeClassification(first.rows + second.rows, multiLabel: true) {
            contentHash[$0.path] ?? $0.path
        }
        let expected = ImportedExample(path: "gs://bucket/a.jpg", mlUse: .unassigned, labels: ["cat", "dog"])
        #expect(merged.examples == [expected])
        #expect(merged.examples.first?.labels == ["cat", "dog"])
    }

    @Test("minimum box size in pixels")
    func pixelSize() {
        let box = ImportedBox(label: "a", xMin: 0, yMin: 0, xMax: 0.08, yMax: 0.1)
        #expect(box.meetsMinimumPixelSize(imageWidth: 100, imageHeight: 100))
        #expect(!box.meetsMinimumPixelSize(imageWidth: 99, imageHeight: 100))
    }
}
