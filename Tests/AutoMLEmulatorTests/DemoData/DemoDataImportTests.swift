import AutoMLClient
import Foundation
import Testing

@testable import AutoMLEmulator

/// The demo datasets go through the emulator's real ImportData without a single refused row.
@Suite("DemoDataImport")
struct DemoDataImportTests {
    private static func createDataset(
        _ backend: ManualBackend, detection: Bool
    ) async throws -> DatasetName {
        var dataset = Dataset()
        dataset.displayName = detection ? "shapes_boxes" : "shapes"
        if detection {
            dataset.imageObjectDetectionDatasetMetadata = ImageObjectDetectionDatasetMetadata()
        } else {
            dataset.imageClassificationDatasetMetadata = ImageClassificationDatasetMetadata(
                classificationType: .multiclass)
        }
        let created = try await backend.client.createDataset(in: backend.location, dataset)
        return try DatasetName(parsing: try AutoMLClient.result(of: created, as: Dataset.self).name)
    }

    private static func importCSV(_ backend: ManualBackend, _ csv: String, into dataset: DatasetName) async throws {
        let operation = try await backend.client.importData(
            into: dataset, InputConfig(gcsSource: GcsSource(inputUris: [csv])))
        let done = try await backend.settle(operation)
        _ = try AutoMLClient.result(of: done, as: Empty.self)
        let failures = done.automlMetadata?.partialFailures ?? []
        #expect(failures.isEmpty, "\(failures.map(\.message))")
    }

    @Test("both demo CSVs import with every image and label")
    func importsCleanly() async throws {
        let backend = try await ManualBackend.start()
        let generator = DemoDataGenerator(
            seed: 3, imageSize: 64, classCount: 4, imagesPerClass: 10, detectionImageCount: 20
        )
        let destination = try DemoDataDestination.bucketFolder("gs://automl-demo/shapes", gcsRoot: backend.gcsRoot)
        let summary = try generator.generate(into: destination)
        let classification = try #require(summary.classification)
        let detection = try #require(summary.detection)

        let classified = try await Self.createDataset(backend, detection: false)
        try await Self.importCSV(backend, classification.csvReference, into: classified)
        #expect(try await backend.client.getDataset(classified).exampleCount == 40)

        let boxed = try await Self.createDataset(backend, detection: true)
        try await Self.importCSV(backend, detection.csvReference, into: boxed)
        #expect(try await backend.client.getDataset(boxed).exampleCount == 20)
    }
}
