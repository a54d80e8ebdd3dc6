import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation
import Testing

/// ImportData over real files: bad rows are partial failures and the good ones import.
@Suite struct ImportTests {
    @Test func badRowsAreReportedAndGoodRowsImport() async throws {
        let backend = try await ManualBackend.start()
        let dataset = try await backend.dataset(labels: ["daisy", "tulip"], perLabel: 3)
        let bucket = backend.gcsRoot.appendingPathComponent("data")
        try Data("not an image at all".utf8).write(to: bucket.appendingPathComponent("broken.png"))
        let csv = """
            TRAIN,gs://data/daisy_0.png,daisy
            TRAIN,gs://data/missing.png,daisy
            NOT_A_SET,gs://data/daisy_1.png,daisy
            TRAIN,gs://data/broken.png,tulip
            VALIDATION,gs://data/tulip_0.png,tulip,daisy
            UNASSIGNED,gs://data/rose.png,rose
            """
        try TestImages.png(color: (200, 10, 10)).write(to: bucket.appendingPathComponent("rose.png"))
        try csv.write(to: bucket.appendingPathComponent("mixed.csv"), atomically: true, encoding: .utf8)
        let operation = try await backend.client.importData(
            into: dataset, InputConfig(gcsSource: GcsSource(inputUris: ["gs://data/mixed.csv"])))
        let done = try await backend.settle(operation)
        _ = try AutoMLClient.result(of: done, as: Empty.self)
        let failures = try #require(done.automlMetadata?.partialFailures)
        let messages = failures.map(\.message)
        #expect(messages.contains { $0.contains("missing.png") })
        #expect(messages.contains { $0.contains("line 3") })
        #expect(messages.contains { $0.contains("broken.png") })
        #expect(messages.contains { $0.contains("line 5") }, "two labels in a MULTICLASS dataset")
        #expect(messages.allSatisfy { $0.hasPrefix("Error: ") })
        #expect(try await backend.client.getDataset(dataset).exampleCount == 7, "6 earlier images + rose")
    }

    /// Images whose header is fine but whose data is not are caught at import, each on its own row:
    /// a truncated PNG, a JPEG cut in its scan, and a GIF (the trainer decodes JPEG and PNG only).
    @Test func undecodableImagesFailOnlyTheirRows() async throws {
        let backend = try await ManualBackend.start()
        let dataset = try await backend.dataset(labels: ["daisy", "tulip"], perLabel: 3)
        let bucket = backend.gcsRoot.appendingPathComponent("data")
        let png = TestImages.png(width: 64, height: 64) { x, y in (UInt8(x * 4), UInt8(y * 4), 90) }
        try png.prefix(png.count / 2).write(to: bucket.appendingPathComponent("half.png"))
        let jpeg = try #require(try Self.jpeg(side: 64))
        try jpeg.prefix(jpeg.count * 2 / 3).write(to: bucket.appendingPathComponent("cut.jpg"))
        try jpeg.write(to: bucket.appendingPathComponent("whole.jpg"))
        try Data(Array("GIF89a".utf8) + [64, 0, 64, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 32))
            .write(to: bucket.appendingPathComponent("anim.gif"))
        let csv = """
            TRAIN,gs://data/half.png,daisy
            TRAIN,gs://data/cut.jpg,tulip
            TRAIN,gs://data/anim.gif,tulip
            TRAIN,gs://data/whole.jpg,tulip
            """
        try csv.write(to: bucket.appendingPathComponent("decode.csv"), atomically: true, encoding: .utf8)
        let done = try await backend.settle(
            try await backend.client.importData(
                into: dataset, InputConfig(gcsSource: GcsSource(inputUris: ["gs://data/decode.csv"]))))
        _ = try AutoMLClient.result(of: done, as: Empty.self)
        let messages = try #require(done.automlMetadata?.partialFailures).map(\.message)
        #expect(messages.count == 3, "\(messages)")
        #expect(messages.contains { $0.contains("half.png") && $0.contains("PNG") })
        #expect(messages.contains { $0.contains("cut.jpg") && $0.contains("JPEG") })
        #expect(messages.contains { $0.contains("anim.gif") && $0.contains("JPEG or PNG") })
        #expect(try await backend.client.getDataset(dataset).exampleCount == 7, "6 earlier images + whole.jpg")
    }

    /// A real JPEG of noise, made with the demo-data generator's encoder.
    private static func jpeg(side: Int) throws -> Data? {
        let folder = try makeTemporaryDirectory()
        let summary = try DemoDataGenerator(
            seed: 3, imageSize: max(32, side), classCount: 2, imagesPerClass: 1,
            detectionImageCount: 0
        ).generate(into: .localFolder(folder))
        let text = try String(contentsOf: try #require(summary.classification).csvFile, encoding: .utf8)
        let path = try #require(text.split(separator: "\n").first?.split(separator: ",").dropFirst().first)
        return FileManager.default.contents(atPath: String(path))
    }

    @Test func missingCSVFailsTheOperation() async throws {
        let backend = try await ManualBackend.start()
        let dataset = try await backend.dataset(perLabel: 2)
        let operation = try await backend.client.importData(
            into: dataset, InputConfig(gcsSource: GcsSource(inputUris: ["gs://data/nope.csv"])))
        let done = try await backend.settle(operation)
        #expect(done.error?.rpcCode == .notFound)
        #expect(done.error?.message.contains("gs://data/nope.csv") == true)
    }

    @Test func escapingTheGCSRootIsRefusedBeforeAnythingRuns() async throws {
        let backend = try await ManualBackend.start()
        let dataset = try await backend.dataset(perLabel: 2)
        let error = await #expect(throws: AutoMLError.self) {
            _ = try await backend.client.importData(
                into: dataset, InputConfig(gcsSource: GcsSource(inputUris: ["gs://data/../../etc/passwd"])))
        }
        #expect(error?.code == .invalidArgument)
    }

    @Test func exportWritesTheImportGrammarBack() async throws {
        let backend = try await ManualBackend.start()
        let dataset = try await backend.dataset(perLabel: 2)
        let operation = try await backend.client.exportData(
            dataset, to: OutputConfig(gcsDestination: GcsDestination(outputUriPrefix: "gs://out/exports")))
        let done = try await backend.settle(operation)
        _ = try AutoMLClient.result(of: done, as: Empty.self)
        let directory = try #require(done.automlMetadata?.exportDataDetails?.outputInfo?.gcsOutputDirectory)
        #expect(directory.hasPrefix("gs://out/exports/export_data-flowers-"))
        let folder = backend.gcsRoot.appendingPathComponent(String(directory.dropFirst("gs://".count)))
        let text = try String(contentsOf: folder.appendingPathComponent("image_classification_1.csv"), encoding: .utf8)
        #expect(text.split(separator: "\n").count == 4)
        #expect(text.contains("TRAIN,gs://data/daisy_0.png,daisy"))
    }
}
