import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation
import Testing

/// Everything survives a restart on the same data directory, and a running operation carries on.
@Suite struct RestartRecoveryTests {
    @Test func runningTrainingContinuesAfterARestart() async throws {
        let directory = try makeTemporaryDirectory()
        let first = try await ManualBackend.start(directory: directory)
        let dataset = try await first.dataset()
        let operation = try await first.train(dataset, budget: 8000)
        try await first.advance(steps: 4, by: .seconds(10))
        #expect(await eventually { (try? await first.state(operation).automlMetadata?.progressPercent) == 50 })
        await first.emulator.shutdown()

        let second = try await ManualBackend.start(directory: directory)
        let resumed = try await second.state(operation)
        #expect(!resumed.done, "a stop is not a cancel")
        #expect(resumed.automlMetadata?.progressPercent == 50)
        try await second.waitForSleeper()
        let done = try await second.settle(operation, step: .seconds(10))
        let model = try AutoMLClient.result(of: done, as: Model.self)
        #expect(model.imageClassificationModelMetadata?.trainCostMilliNodeHours == 8000)
        #expect(try await second.client.getDataset(dataset).exampleCount == 20)
        #expect(try await second.client.listModels(in: second.location).collect().count == 1)
    }

    @Test func cancelRequestedBeforeAStopEndsCancelledAfterIt() async throws {
        let directory = try makeTemporaryDirectory()
        let first = try await ManualBackend.start(directory: directory)
        let dataset = try await first.dataset()
        let operation = try await first.train(dataset, budget: 8000)
        try await first.waitForSleeper()
        try await first.client.cancelOperation(try OperationName(parsing: operation.name))
        #expect(await eventually { (try? await first.state(operation).done) == true })
        await first.emulator.shutdown()

        let second = try await ManualBackend.start(directory: directory)
        #expect(try await second.state(operation).error?.code == 1)
        #expect(try await second.client.listModels(in: second.location).collect().isEmpty)
    }
}
