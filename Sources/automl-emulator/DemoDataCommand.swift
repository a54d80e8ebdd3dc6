import ArgumentParser
import AutoMLEmulator
import AutoMLWire
import Foundation

/// `automl emulator demo-data DEST`: labelled images of shapes to train on, with import CSVs.
struct DemoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "Write labelled images of shapes and their import CSVs, to try training end to end.",
        discussion: """
            DEST is gs://BUCKET[/PATH] (written under the local backend's GCS folder, DATA_DIR/gcs unless --gcs-root \
            is given; `automl emulator demo-data gs://shapes --data-dir D` takes the emulator's --data-dir and --gcs-root; the CSVs name images by gs:// URI, which every configuration imports) or a local folder (the \
            CSVs name images by absolute path, which a server started with --allow-path FOLDER (or AUTOML_IMPORT_PATHS) \
            imports).

            It writes classification.csv (single-label, one shape per image) and detection.csv (one row per box); \
            of every ten images of a label, eight are TRAIN, one VALIDATION and one TEST. The same seed writes the \
            same files.
            """
    )

    @Argument(help: "gs://BUCKET[/PATH] or a local folder.")
    var destination: String

    /// `automl emulator`'s own options: --data-dir and --gcs-root say where gs:// destinations go.
    @ParentCommand var emulator: EmulatorCommand

    @Option(help: "Seeds every image.")
    var seed: UInt64 = 1

    @Option(name: .customLong("image-size"), help: "Side of the square images in pixels (32–512).")
    var imageSize = 96

    @Option(help: "Number of shapes, hence labels (2–5).")
    var classes = 4

    @Option(name: .customLong("images-per-class"), help: "Classification images per label (0 for none).")
    var imagesPerClass = 400

    @Option(name: .customLong("detection-images"), help: "Object detection images (0 for none).")
    var detectionImages = 600

    func run() throws {
        let summary: DemoDataSummary
        switch write() {
        case .success(let value): summary = value
        case .failure(let error): throw ValidationError(error.message)
        }
        print(
            "wrote \(summary.bytesWritten / 1024) KiB to \(summary.directory.path); labels: \(summary.labels.joined(separator: ", "))"
        )
        if let classification = summary.classification {
            print("classification: \(classification.imageCount) images, import \(classification.csvReference)")
        }
        if let detection = summary.detection {
            print(
                "object detection: \(detection.imageCount) images, \(detection.rowCount) boxes, import \(detection.csvReference)"
            )
        }
    }

    private func write() -> Result<DemoDataSummary, DemoDataError> {
        Result { () throws(DemoDataError) -> DemoDataSummary in
            let target: DemoDataDestination
            if destination.hasPrefix("gs://") {
                let data = URL(
                    fileURLWithPath: emulator.dataDirectory ?? defaultDataDirectory(ProcessInfo.processInfo.environment)
                )
                let root = emulator.gcsRoot.map { URL(fileURLWithPath: $0) } ?? data.appendingPathComponent("gcs")
                target = try DemoDataDestination.bucketFolder(destination, gcsRoot: root)
            } else {
                target = DemoDataDestination.localFolder(URL(fileURLWithPath: destination))
            }
            let generator = DemoDataGenerator(
                seed: seed, imageSize: imageSize, classCount: classes,
                imagesPerClass: imagesPerClass, detectionImageCount: detectionImages)
            return try generator.generate(into: target)
        }
    }
}
