import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation
import Testing

/// The local backend's training log (`:trainingLog`, its own extension): what the trainer did, epoch by epoch, while
/// GetOperation's JSON stays exactly Google's.
@Suite struct TrainingLogTests {
    static let search = ClockBudgetTrainer(steps: 8, candidates: ["linear", "cnn"])

    @Test func aTrainingLogsItsSearchAndWhyItStoppedAndTheOperationStaysGooglesShape() async throws {
        let backend = try await ManualBackend.start(trainer: Self.search)
        let dataset = try await backend.dataset()
        let started = try await backend.train(dataset, budget: 8000)
        let name = try OperationName(parsing: started.name)
        try await backend.advance(steps: 3, by: .seconds(10))
        #expect(await eventually { (try? await backend.client.trainingLog(ofOperation: name))?.candidates.count == 2 })
        let running = try await backend.client.trainingLog(ofOperation: name)
        #expect(running.metric == "accuracy")
        #expect(running.budgetMilliNodeHours == 8000)
        #expect(running.stopReason == nil)
        #expect(running.candidates.map(\.name) == ["linear", "cnn"])
        #expect(running.spentMilliNodeHours >= 3000)
        let operation = try await backend.state(started)
        #expect(operation.automlMetadata?.unknownFields.isEmpty == true, "GetOperation carries no extension fields")

        _ = try await backend.settle(started, step: .seconds(10))
        let done = try await backend.client.trainingLog(ofOperation: name)
        #expect(done.stopReason == "BUDGET_REACHED")
        #expect(done.spentMilliNodeHours == 8000)
        let kept = try #require(done.current)
        #expect(kept.name == "cnn" && kept.chosen)
        #expect(kept.epochs == 6)
        #expect(kept.validationScores.count == 6)
        #expect(kept.learningRateDrops == [4], "the made-up search lowers the rate at three quarters of its steps")
    }

    @Test func onlyATrainingHasALogAndAnUnknownOperationIsNotFound() async throws {
        let backend = try await ManualBackend.start(trainer: Self.search)
        let dataset = try await backend.dataset()
        let imports = try await backend.client.listOperations(in: backend.location).collect()
        let importName = try OperationName(parsing: try #require(imports.first).name)
        await #expect { try await backend.client.trainingLog(ofOperation: importName) } throws: { error in
            let error = error as? AutoMLError
            return error?.code == .failedPrecondition && error?.message.contains("only a training") == true
        }
        let unknown = try backend.location.operation("ICN404")
        await #expect { try await backend.client.trainingLog(ofOperation: unknown) } throws: { error in
            (error as? AutoMLError)?.code == .notFound
        }
        _ = dataset
    }

    @Test func aPipelineHasTheLogOfItsTraining() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = EmulatorConfiguration(
            dataDirectory: directory.appendingPathComponent("data"), gcsRoot: directory.appendingPathComponent("gcs"),
            nodeHour: .milliseconds(10), deployDuration: .milliseconds(5))
        let emulator = try await Emulator.start(configuration: configuration, trainer: Self.search)
        let vertex = VertexSurfaceTests.inProcess(emulator)
        let location = LocationName(validatedSegments: ["p", "us-central1"])
        let datasetName = try await VertexSurfaceTests.importedPets(
            vertex, in: location, gcsRoot: configuration.gcsRoot)
        let pipeline = try await vertex.createTrainingPipeline(
            in: location, VertexSurfaceTests.pipeline("p", dataset: datasetName.id))
        let name = try #require(pipeline.pipelineName)
        let ended = try await vertex.waitForPipeline(name, policy: VertexSurfaceTests.polling)
        #expect(ended.state == .succeeded)
        let log = try await vertex.trainingLog(ofPipeline: name)
        #expect(log.stopReason == "BUDGET_REACHED")
        #expect(log.candidates.map(\.name) == ["linear", "cnn"])
        await emulator.shutdown()
    }
}
