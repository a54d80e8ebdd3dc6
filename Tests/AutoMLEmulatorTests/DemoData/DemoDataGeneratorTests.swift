import Foundation
import Testing

@testable import AutoMLEmulator

@Suite("DemoDataGenerator")
struct DemoDataGeneratorTests {
    /// A small set: 3 classes × 10 images and 10 detection images of 64×64.
    private static let small = DemoDataGenerator(
        seed: 7, imageSize: 64, classCount: 3, imagesPerClass: 10, detectionImageCount: 10
    )

    /// Generates `generator`'s set into `gs://automl-demo/shapes` under a fresh GCS root.
    private static func generateInBucket(
        _ generator: DemoDataGenerator, root: TemporaryDirectory
    ) throws -> DemoDataSummary {
        let destination = try DemoDataDestination.bucketFolder("gs://automl-demo/shapes", gcsRoot: root.url)
        return try generator.generate(into: destination)
    }

    /// Every file under `directory`, by relative path, with its bytes.
    private static func files(under directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = directory.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(atPath: base)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = base + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }

    @Test("writes the images and CSVs it reports, with 80/10/10 splits per label")
    func summary() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let summary = try Self.generateInBucket(Self.small, root: root)
        #expect(summary.labels == ["circle", "square", "triangle"])
        #expect(summary.directory.path == root.path("automl-demo/shapes"))

        let classification = try #require(summary.classification)
        #expect(classification.csvReference == "gs://automl-demo/shapes/classification.csv")
        #expect(classification.imageCount == 30)
        #expect(classification.rowCount == 30)
        #expect(classification.labelCounts == ["circle": 10, "square": 10, "triangle": 10])
        #expect(classification.splitCounts == ["TRAIN": 24, "VALIDATION": 3, "TEST": 3])

        let detection = try #require(summary.detection)
        #expect(detection.csvReference == "gs://automl-demo/shapes/detection.csv")
        #expect(detection.imageCount == 10)
        #expect((10...30).contains(detection.rowCount))
        #expect(detection.labelCounts.values.reduce(0, +) == detection.rowCount)
        #expect(Set(detection.labelCounts.keys).isSubset(of: summary.labels))
        #expect(detection.splitCounts == ["TRAIN": 8, "VALIDATION": 1, "TEST": 1])

        let files = try Self.files(under: summary.directory)
        #expect(files.count == 30 + 10 + 2)
        #expect(files["images/classification/circle/circle_0001.jpg"] != nil)
        #expect(files["images/detection/scene_0010.jpg"] != nil)
        #expect(summary.bytesWritten == files.values.map(\.count).reduce(0, +))
    }

    @Test("the same seed writes the same bytes; another seed writes other images")
    func determinism() throws {
        let (first, second, third) = (try TemporaryDirectory(), try TemporaryDirectory(), try TemporaryDirectory())
        defer {
            first.remove()
            second.remove()
            third.remove()
        }
        let one = try Self.files(under: try Self.generateInBucket(Self.small, root: first).directory)
        let two = try Self.files(under: try Self.generateInBucket(Self.small, root: second).directory)
        #expect(one.count == 42)
        #expect(one == two)

        var reseeded = Self.small
        reseeded.seed = 8
        let other = try Self.files(under: try Self.generateInBucket(reseeded, root: third).directory)
        #expect(Set(other.keys) == Set(one.keys))
        let differing = one.keys.filter { $0.hasSuffix(".jpg") && one[$0] != other[$0] }
        #expect(differing.count == 40)
    }

    @Test("more images per class leave the first images unchanged")
    func stableUnderCounts() throws {
        let (first, second) = (try TemporaryDirectory(), try TemporaryDirectory())
        defer {
            first.remove()
            second.remove()
        }
        var larger = Self.small
        larger.imagesPerClass = 12
        let one = try Self.files(under: try Self.generateInBucket(Self.small, root: first).directory)
        let two = try Self.files(under: try Self.generateInBucket(larger, root: second).directory)
        #expect(
            one["images/classification/square/square_0010.jpg"] == two["images/classification/square/square_0010.jpg"])
        #expect(one["images/detection/scene_0003.jpg"] == two["images/detection/scene_0003.jpg"])
    }

    @Test("every image is a JPEG of the configured size that decodes fully")
    func imagesDecode() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let summary = try Self.generateInBucket(Self.small, root: root)
        let images = try Self.files(under: summary.directory).filter { $0.key.hasSuffix(".jpg") }
        #expect(images.count == 40)
        for (path, data) in images {
            let size = try ImageCodec.validate(Array(data))
            #expect(size == ImageCodec.Size(width: 64, height: 64), "\(path)")
        }
    }

    @Test("the classification CSV parses with the import's parser, and every path resolves to its image")
    func classificationCSVParses() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let summary = try Self.generateInBucket(Self.small, root: root)
        let classification = try #require(summary.classification)
        let text = try String(contentsOf: classification.csvFile, encoding: .utf8)
        let result = ClassificationCSVParser(csvURI: classification.csvReference, multiLabel: false).parse(text)
        #expect(result.errors.isEmpty, "\(result.errors.map(\.message))")
        #expect(result.rows.count == 30)
        #expect(Set(result.rows.map(\.path)).count == 30)
        let mapper = GCSPathMapper(root: root.url)
        for row in result.rows {
            #expect(row.labels.count == 1)
            #expect(row.path.hasPrefix("gs://automl-demo/shapes/images/classification/\(row.labels[0])/"))
            let file = try mapper.resolveForReading(row.path)
            #expect(FileManager.default.fileExists(atPath: file.path), "\(row.path)")
        }
        #expect(
            Dictionary(grouping: result.rows, by: \.mlUse).mapValues(\.count) == [.train: 24, .validation: 3, .test: 3])
    }

    @Test("the detection CSV parses with the import's parser; boxes are at least 8×8 px and inside the image")
    func detectionCSVParses() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let summary = try Self.generateInBucket(Self.small, root: root)
        let detection = try #require(summary.detection)
        let text = try String(contentsOf: detection.csvFile, encoding: .utf8)
        let result = DetectionCSVParser(csvURI: detection.csvReference).parse(text)
        #expect(result.errors.isEmpty, "\(result.errors.map(\.message))")
        #expect(result.rows.count == detection.rowCount)
        let byImage = Dictionary(grouping: result.rows, by: \.path)
        #expect(byImage.count == 10)
        #expect(byImage.values.allSatisfy { (1...3).contains($0.count) })
        let mapper = GCSPathMapper(root: root.url)
        for row in result.rows {
            let box = try #require(row.box)
            #expect(summary.labels.contains(box.label))
            #expect(box.meetsMinimumPixelSize(imageWidth: 64, imageHeight: 64), "\(box)")
            #expect(box.xMin >= 0 && box.yMin >= 0 && box.xMax <= 1 && box.yMax <= 1)
            #expect(FileManager.default.fileExists(atPath: try mapper.resolveForReading(row.path).path))
        }
    }

    @Test("a box frames its shape: the box's centre stands out from the pixels just outside its corners")
    func boxesFrameShapes() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        var generator = Self.small
        generator.imagesPerClass = 0
        generator.detectionImageCount = 30
        let summary = try Self.generateInBucket(generator, root: root)
        #expect(summary.classification == nil)
        let detection = try #require(summary.detection)
        let text = try String(contentsOf: detection.csvFile, encoding: .utf8)
        let rows = DetectionCSVParser(csvURI: detection.csvReference).parse(text).rows
        let mapper = GCSPathMapper(root: root.url)
        var standingOut = 0
        for row in rows {
            let box = try #require(row.box)
            let bytes = try Data(contentsOf: try mapper.resolveForReading(row.path))
            let image = try ImageCodec.decodeSquare(Array(bytes), side: 64)
            func pixel(_ x: Int, _ y: Int) -> [Double]? {
                guard (0..<64).contains(x), (0..<64).contains(y) else { return nil }
                return (0..<3).map { Double(image.rgb[(y * 64 + x) * 3 + $0]) }
            }
            let (left, top) = (Int((box.xMin * 64).rounded()) - 2, Int((box.yMin * 64).rounded()) - 2)
            let (right, bottom) = (Int((box.xMax * 64).rounded()) + 1, Int((box.yMax * 64).rounded()) + 1)
            let outside = [pixel(left, top), pixel(right, top), pixel(left, bottom), pixel(right, bottom)]
                .compactMap { $0 }
            let center = try #require(pixel((left + right) / 2, (top + bottom) / 2))
            func distance(_ a: [Double], _ b: [Double]) -> Double {
                var sum = 0.0
                for channel in 0..<3 { sum += (a[channel] - b[channel]) * (a[channel] - b[channel]) }
                return sum.squareRoot()
            }
            let nearest = outside.map { distance($0, center) }.min() ?? .infinity
            if nearest > 40 { standingOut += 1 }
        }
        #expect(rows.count >= 30)
        // Shapes are drawn at least 110 away from both background colours; clutter and noise blur a few.
        #expect(standingOut * 10 >= rows.count * 9, "\(standingOut) of \(rows.count)")
    }

    @Test("a local folder names images by absolute path, importable where local paths are allowed")
    func localFolder() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let destination = DemoDataDestination.localFolder(folder.url.appendingPathComponent("demo, with comma"))
        var generator = Self.small
        generator.detectionImageCount = 0
        let summary = try generator.generate(into: destination)
        let classification = try #require(summary.classification)
        #expect(classification.csvReference == folder.path("demo, with comma/classification.csv"))
        let text = try String(contentsOf: classification.csvFile, encoding: .utf8)
        let parser = ClassificationCSVParser(
            csvURI: classification.csvReference, multiLabel: false, allowsLocalPaths: true
        )
        let result = parser.parse(text)
        #expect(result.errors.isEmpty, "\(result.errors.map(\.message))")
        #expect(result.rows.count == 30)
        #expect(result.rows.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
        #expect(summary.detection == nil)
    }

    @Test(
        "options out of range are refused with a message",
        arguments: [
            (DemoDataGenerator(imageSize: 8), "image size"),
            (DemoDataGenerator(classCount: 1), "number of classes"),
            (DemoDataGenerator(classCount: 6), "number of classes"),
            (DemoDataGenerator(imagesPerClass: 0, detectionImageCount: 0), "nothing to generate"),
            (DemoDataGenerator(maxObjectsPerImage: 0), "objects per detection image"),
            (DemoDataGenerator(jpegQuality: 0), "JPEG quality"),
        ]
    )
    func refusedOptions(generator: DemoDataGenerator, expected: String) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        #expect {
            try generator.generate(into: .localFolder(folder.url))
        } throws: { error in
            (error as? DemoDataError)?.message.contains(expected) == true
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }

    @Test("a bucket folder URI that is malformed or escapes the root is refused")
    func refusedBuckets() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        for uri in ["gs://A/shapes", "gs://automl-demo/../x", "/tmp/demo", "gs://automl-demo//x"] {
            #expect(throws: DemoDataError.self, "\(uri)") {
                try DemoDataDestination.bucketFolder(uri, gcsRoot: root.url)
            }
        }
    }
}
