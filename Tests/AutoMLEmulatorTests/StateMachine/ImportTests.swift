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
