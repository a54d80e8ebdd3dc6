import AutoMLClient
import AutoMLTestSupport
import Foundation
import Testing

@testable import AutoMLShell

struct LocalImportPlanTests {
    @Test func imageSignaturesAndCutShortFiles() {
        let png = [UInt8](TestImages.png(color: (1, 2, 3)))
        #expect(ImageSniffer.problem(head: Array(png.prefix(16)), tail: png) == nil)
        #expect(
            ImageSniffer.problem(head: Array(png.prefix(16)), tail: Array(png.prefix(40)))?.contains("cut short")
                == true)
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10] + Array(repeating: 7, count: 40) + [0xFF, 0xD9]
        #expect(ImageSniffer.problem(head: Array(jpeg.prefix(16)), tail: jpeg) == nil)
        #expect(ImageSniffer.problem(head: Array(jpeg.prefix(16)), tail: Array(jpeg.dropLast(2))) != nil)
        #expect(ImageSniffer.format(of: Array("GIF89a".utf8)) == "GIF")
        #expect(ImageSniffer.format(of: Array("RIFF\0\0\0\0WEBPVP8 ".utf8)) == "WEBP")
        #expect(ImageSniffer.problem(head: Array("hello, world".utf8), tail: [])?.contains("text file") == true)
        #expect(ImageSniffer.problem(head: [0, 1, 2, 3, 250], tail: [])?.contains("not an image") == true)
        #expect(ImageSniffer.contentType(of: Array(png.prefix(16))) == "image/png")
    }

    @Test func splitsComeFromTheNameAndAddUp() throws {
        let ratio = try #require(SplitRatio(parsing: "80/10/10"))
        #expect(SplitRatio(parsing: "80/10") == nil)
        #expect(SplitRatio(parsing: "80/10/20") == nil)
        #expect(SplitRatio(parsing: "-10/100/10") == nil)
        let names = (0..<1000).map { "daisy/\($0).jpg" }
        let splits = names.map(ratio.split(for:))
        #expect(splits == names.map(ratio.split(for:)), "the same name gets the same split every time")
        let train = splits.filter { $0 == "TRAIN" }.count
        #expect((740...860).contains(train), "\(train) of 1000 in TRAIN")
        #expect(Set(splits) == ["TRAIN", "VALIDATION", "TEST"])
        #expect(Set(names.map(SplitRatio(parsing: "100/0/0")!.split(for:))) == ["TRAIN"])
    }

    @Test func everyLabelOfThreeOrMoreImagesGetsAnImageInEverySplit() throws {
        let ratio = try #require(SplitRatio(parsing: "70/15/15"))
        for count in [3, 4, 5, 8, 14] {
            for label in ["daisy", "tulip", "rose", "sunflower", "iris", "lily"] {
                let names = (0..<count).map { "\(label)/\(String(format: "%02d", $0)).png" }
                let splits = ratio.splits(of: names)
                #expect(Set(splits) == ["TRAIN", "VALIDATION", "TEST"], "\(label) × \(count): \(splits)")
                let moved = zip(names, splits).filter { ratio.split(for: $0.0) != $0.1 }
                #expect(moved.count <= 2, "at most one image for each empty split moves")
            }
        }
        // Too few to spare one, or a ratio without the split: nothing moves.
        #expect(ratio.splits(of: ["a/1.png", "a/2.png"]) == ["a/1.png", "a/2.png"].map(ratio.split(for:)))
        let noTest = try #require(SplitRatio(parsing: "90/10/0"))
        #expect(!noTest.splits(of: (0..<6).map { "b/\($0).png" }).contains("TEST"))
    }

    @Test func aCSVKeepsItsRowsAndGetsObjectURIs() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try TestImages.png(color: (1, 2, 3)).write(to: folder.appendingPathComponent("a b.png"))
        let csv = folder.appendingPathComponent("labels.csv")
        try Data(
            """
            "a b.png",cat
            UNASSIGNED,a b.png,"cat,dog"
            gs://elsewhere/c.png,dog
            ,
            """.utf8
        ).write(to: csv)
        let plan = try LocalImportPlan.csv(csv)
        #expect(plan.uploads.count == 1, "one file named twice is sent once")
        #expect(plan.uploads.first?.relativeName == "a b.png")
        #expect(plan.skipped.count == 1)
        #expect(
            plan.csv(prefix: .init(bucket: "b", name: "imports/labels")) == """
                gs://b/imports/labels/a b.png,cat
                UNASSIGNED,gs://b/imports/labels/a b.png,"cat,dog"
                gs://elsewhere/c.png,dog

                """)
        #expect(
            LocalImportPlan.objectName(for: URL(fileURLWithPath: "/data/x.png"), under: folder) == "files/data/x.png")
    }

    /// Vertex AI's import file from the same plan: one line per image, the split as `ml_use`, the labels as the
    /// dataset's kind of annotation, a detection image's boxes together.
    @Test func jsonLinesForVertexAIByKind() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a.png", "b.png"] {
            try TestImages.png(color: (1, 2, 3)).write(to: folder.appendingPathComponent(name))
        }
        let csv = folder.appendingPathComponent("labels.csv")
        try Data(
            """
            TRAIN,a.png,cat,0.1,0.2,,,0.5,0.6,,
            TRAIN,a.png,dog,0.3,0.3,0.9,0.3,0.9,0.8,0.3,0.8
            b.png,cat,dog
            """.utf8
        ).write(to: csv)
        let plan = try LocalImportPlan.csv(csv)
        let prefix = StorageLocation(bucket: "b", name: "imports/labels")
        func lines(_ kind: DatasetKind) throws -> [JSONValue] {
            try plan.jsonLines(prefix: prefix, kind: kind).split(separator: "\n").map {
                try JSONValue(parsing: Data($0.utf8))
            }
        }
        let detection = try lines(.detection)
        #expect(detection.count == 2)
        #expect(detection[0]["imageGcsUri"]?.stringValue == "gs://b/imports/labels/a.png")
        #expect(detection[0]["dataItemResourceLabels"]?["aiplatform.googleapis.com/ml_use"]?.stringValue == "training")
        let boxes = try #require(detection[0]["boundingBoxAnnotations"]?.arrayValue)
        #expect(boxes.map { $0["displayName"]?.stringValue } == ["cat", "dog"])
        #expect(boxes[0]["xMin"] == .number(0.1) && boxes[0]["yMax"] == .number(0.6))
        #expect(boxes[1]["xMax"] == .number(0.9) && boxes[1]["yMin"] == .number(0.3))
        #expect(detection[1]["dataItemResourceLabels"] == nil, "no split: no ml_use")

        let multilabel = try lines(.multilabel)
        #expect(
            multilabel[1]["classificationAnnotations"]?.arrayValue?.compactMap { $0["displayName"]?.stringValue }
                == ["cat", "dog"])
        let single = try lines(.multiclass)
        #expect(single[1]["classificationAnnotation"]?["displayName"]?.stringValue == "cat")
    }
}
