import Foundation

/// Writes a small, labelled image dataset for trying the emulator end to end: JPEG images of coloured shapes
/// (circle, square, triangle, star, cross) on noisy, randomly coloured backgrounds, plus one import CSV for single-label
/// classification and one for object detection (reference 6.6).
///
/// Everything is a function of ``seed``: the same options write the same bytes on the same platform. Each image has its
/// own generator, derived from the seed and the image's index, so changing one count does not change other images.
///
/// Layout under the destination's folder:
/// - `images/classification/<label>/<label>_0001.jpg` …, and `classification.csv`
///   (`TRAIN,gs://…/images/classification/circle/circle_0001.jpg,circle`);
/// - `images/detection/scene_0001.jpg` …, and `detection.csv`
///   (`TRAIN,gs://…/images/detection/scene_0001.jpg,star,0.125,0.3125,,,0.40625,0.59375,,`, one row per box).
///
/// Splits are exact per label: of every ten consecutive images, eight are `TRAIN`, one `VALIDATION`, one `TEST`.
/// Existing files with the same names are overwritten; nothing else in the folder is touched.
package struct DemoDataGenerator: Sendable {
    /// The seed every image is derived from.
    package var seed: UInt64
    /// The side of the square images, in pixels (32–512).
    package var imageSize: Int
    /// How many shapes, hence labels (2–5), taken in the order circle, square, triangle, star, cross.
    package var classCount: Int
    /// Classification images per label (0 for no classification dataset).
    package var imagesPerClass: Int
    /// Object detection images (0 for no detection dataset).
    package var detectionImageCount: Int
    /// The most shapes on one detection image (1–10); each image has between one and this many.
    package var maxObjectsPerImage: Int
    /// The JPEG quality (1–100).
    package var jpegQuality: Int

    package init(
        seed: UInt64 = 1, imageSize: Int = 96, classCount: Int = 4, imagesPerClass: Int = 400,
        detectionImageCount: Int = 600, maxObjectsPerImage: Int = 3, jpegQuality: Int = 90
    ) {
        self.seed = seed
        self.imageSize = imageSize
        self.classCount = classCount
        self.imagesPerClass = imagesPerClass
        self.detectionImageCount = detectionImageCount
        self.maxObjectsPerImage = maxObjectsPerImage
        self.jpegQuality = jpegQuality
    }

    /// The labels the options give, in order.
    package var labels: [String] { shapes.map(\.rawValue) }

    private var shapes: [DemoShape] { Array(DemoShape.allCases.prefix(max(0, classCount))) }

    /// Writes the images and CSVs.
    ///
    /// - Throws: ``DemoDataError`` when an option is out of range or a file cannot be written.
    package func generate(into destination: DemoDataDestination) throws(DemoDataError) -> DemoDataSummary {
        try checkOptions()
        var writer = DemoFileWriter(destination: destination)
        var summary = DemoDataSummary(
            directory: destination.directory, labels: labels, classification: nil, detection: nil, bytesWritten: 0
        )
        if imagesPerClass > 0 { summary.classification = try writeClassification(with: &writer) }
        if detectionImageCount > 0 { summary.detection = try writeDetection(with: &writer) }
        summary.bytesWritten = writer.bytesWritten
        return summary
    }

    private func checkOptions() throws(DemoDataError) {
        func require(_ condition: Bool, _ message: String) throws(DemoDataError) {
            if !condition { throw DemoDataError(message) }
        }
        try require((32...512).contains(imageSize), "the image size must be 32 to 512 pixels, not \(imageSize)")
        try require(
            (2...DemoShape.allCases.count).contains(classCount),
            "the number of classes must be 2 to \(DemoShape.allCases.count), not \(classCount)"
        )
        try require((0...100_000).contains(imagesPerClass), "images per class must be 0 to 100000")
        try require((0...100_000).contains(detectionImageCount), "detection images must be 0 to 100000")
        try require(imagesPerClass > 0 || detectionImageCount > 0, "there is nothing to generate: both counts are 0")
        try require((1...10).contains(maxObjectsPerImage), "objects per detection image must be 1 to 10")
        try require((1...100).contains(jpegQuality), "the JPEG quality must be 1 to 100, not \(jpegQuality)")
    }

    private func writeClassification(with writer: inout DemoFileWriter) throws(DemoDataError) -> DemoDataSummary.Dataset
    {
        var csv = ""
        var labelCounts: [String: Int] = [:]
        var splitCounts: [String: Int] = [:]
        let digits = Self.digits(imagesPerClass)
        for (classIndex, shape) in shapes.enumerated() {
            for index in 0..<imagesPerClass {
                var generator = imageGenerator(stream: UInt64(classIndex + 1), index: index)
                let scene = DemoScene.single(shape, size: imageSize, using: &generator)
                let (canvas, _) = DemoCanvas.render(scene, using: &generator)
                let path =
                    "images/classification/\(shape.rawValue)/\(shape.rawValue)_\(Self.number(index + 1, digits)).jpg"
                try writer.writeJPEG(canvas, quality: jpegQuality, to: path)
                let split = Self.split(index)
                csv += DemoCSV.classificationRow(
                    split: split, path: writer.destination.reference(to: path),
                    label: shape.rawValue)
                labelCounts[shape.rawValue, default: 0] += 1
                splitCounts[split, default: 0] += 1
            }
        }
        let csvPath = "classification.csv"
        try writer.write(Array(csv.utf8), to: csvPath)
        return DemoDataSummary.Dataset(
            csvFile: writer.destination.file(csvPath), csvReference: writer.destination.reference(to: csvPath),
            imageCount: imagesPerClass * shapes.count, labelCounts: labelCounts, splitCounts: splitCounts,
            rowCount: imagesPerClass * shapes.count
        )
    }

    private func writeDetection(with writer: inout DemoFileWriter) throws(DemoDataError) -> DemoDataSummary.Dataset {
        var csv = ""
        var labelCounts: [String: Int] = [:]
        var splitCounts: [String: Int] = [:]
        var rowCount = 0
        let digits = Self.digits(detectionImageCount)
        for index in 0..<detectionImageCount {
            // Stream 0 is detection's; classification uses 1... (one per class).
            var generator = imageGenerator(stream: 0, index: index)
            let scene = DemoScene.several(
                from: shapes, maxObjects: maxObjectsPerImage, size: imageSize,
                using: &generator)
            let (canvas, boxes) = DemoCanvas.render(scene, using: &generator)
            let path = "images/detection/scene_\(Self.number(index + 1, digits)).jpg"
            try writer.writeJPEG(canvas, quality: jpegQuality, to: path)
            let split = Self.split(index)
            let reference = writer.destination.reference(to: path)
            for (shape, box) in zip(scene.shapes, boxes) {
                csv += DemoCSV.detectionRow(
                    split: split, path: reference, label: shape.shape.rawValue, box: box,
                    imageSize: imageSize)
                labelCounts[shape.shape.rawValue, default: 0] += 1
                rowCount += 1
            }
            splitCounts[split, default: 0] += 1
        }
        let csvPath = "detection.csv"
        try writer.write(Array(csv.utf8), to: csvPath)
        return DemoDataSummary.Dataset(
            csvFile: writer.destination.file(csvPath), csvReference: writer.destination.reference(to: csvPath),
            imageCount: detectionImageCount, labelCounts: labelCounts, splitCounts: splitCounts, rowCount: rowCount
        )
    }

    /// The generator of one image: the seed, the stream (one per class, and one for detection) and the index mixed.
    private func imageGenerator(stream: UInt64, index: Int) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD6E8_FEB8_6659_FD93))
        let streamSeed = mixer.next()
        var indexMixer = SplitMix64(seed: streamSeed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        return SplitMix64(seed: indexMixer.next())
    }

    /// Of every ten consecutive images: eight `TRAIN`, then one `VALIDATION`, then one `TEST`.
    private static func split(_ index: Int) -> String {
        switch index % 10 {
        case 8: "VALIDATION"
        case 9: "TEST"
        default: "TRAIN"
        }
    }

    /// The number of digits file numbers are padded to: at least 4.
    private static func digits(_ count: Int) -> Int { max(4, String(count).count) }

    private static func number(_ value: Int, _ digits: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
