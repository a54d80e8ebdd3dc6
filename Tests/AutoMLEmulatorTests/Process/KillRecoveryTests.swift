import AutoMLClient
import AutoMLTestSupport
import Foundation
import Testing

/// The built `automl emulator` killed with SIGKILL mid-training keeps everything, and the training carries on.
@Suite(.serialized) struct KillRecoveryTests {
    @Test func killDashNineMidTrainingLosesNothing() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("automl-kill-\(UUID().uuidString)")
        let gcs = data.appendingPathComponent("gcs")
        let arguments = ["--data-dir", data.path, "--gcs-root", gcs.path, "--node-hour-seconds", "0.5"]
        let csv = try TestImages.classificationDataset(in: gcs, labels: ["daisy", "tulip"], perLabel: 10)
        let location = LocationName(validatedSegments: ["p", "us-central1"])
        let policy = PollPolicy(initialDelay: .milliseconds(50), maxDelay: .milliseconds(200), timeout: .seconds(60))

        let first = try EmulatorProcess.start(arguments)
        let client = AutoMLClient(configuration: .init(endpoint: first.baseURL))
        var dataset = Dataset()
        dataset.displayName = "flowers"
        dataset.imageClassificationDatasetMetadata = ImageClassificationDatasetMetadata(classificationType: .multiclass)
        let created = try AutoMLClient.result(
            of: try await client.createDataset(in: location, dataset), as: Dataset.self)
        let datasetName = try DatasetName(parsing: created.name)
        let importing = try await client.importData(
            into: datasetName, InputConfig(gcsSource: GcsSource(inputUris: [csv])))
        _ = try await client.wait(for: try OperationName(parsing: importing.name), as: Empty.self, policy: policy)
        var model = Model()
        model.displayName = "m1"
        model.datasetId = datasetName.dataset
        var metadata = ImageClassificationModelMetadata()
        metadata.trainBudgetMilliNodeHours = 8000  // 4 s at 0.5 s per node hour
        model.imageClassificationModelMetadata = metadata
        let training = try await client.createModel(in: location, model)
        let operationName = try OperationName(parsing: training.name)
        #expect(
            await eventually {
                (try? await client.getOperation(operationName).automlMetadata?.progressPercent ?? 0) ?? 0 > 0
            })
        first.stop(signal: SIGKILL)

        let second = try EmulatorProcess.start(arguments)
        let again = AutoMLClient(configuration: .init(endpoint: second.baseURL))
        #expect(try await again.getDataset(datasetName).exampleCount == 20)
        let trained = try await again.wait(for: operationName, as: Model.self, policy: policy)
        #expect(trained.imageClassificationModelMetadata?.trainCostMilliNodeHours == 8000)
        #expect(try await again.listModels(in: location).collect().count == 1)
        second.stop(signal: SIGTERM)
        #expect(second.process.terminationStatus == 0, "SIGTERM shuts down cleanly")
    }
}
