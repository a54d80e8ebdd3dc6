import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation
import Testing

/// Training on a manual clock: budget semantics as the service has them.
@Suite struct TrainingStateMachineTests {
    @Test func trainingSpendsTheBudgetAndStopsThere() async throws {
        let backend = try await ManualBackend.start()
        let dataset = try await backend.dataset()
        let started = try await backend.train(dataset, budget: 8000)
        #expect(!started.done)
        #expect(started.automlMetadata?.kind == "createModel")

        let start = backend.clock.now()
        try await backend.advance(steps: 3, by: .seconds(10))  // 3 of 8 node hours at 10 s each
        #expect(await eventually { (try? await backend.state(started).automlMetadata?.progressPercent) == 37 })
        #expect(
            try await backend.client.listModels(in: backend.location).collect().isEmpty,
            "no model exists before training ends")

        let done = try await backend.settle(started, step: .seconds(10))
        let model = try AutoMLClient.result(of: done, as: Model.self)
        let metadata = try #require(model.imageClassificationModelMetadata)
        #expect(metadata.stopReason == "BUDGET_REACHED")
        #expect(metadata.trainCostMilliNodeHours == 8000)
        #expect(metadata.trainBudgetMilliNodeHours == 8000)
        #expect(model.deploymentState == .undeployed)
        let created = try #require(model.createTime?.date)
        #expect(created >= start.addingTimeInterval(80) && created <= backend.clock.now())
        #expect(done.automlMetadata?.progressPercent == 100)
        let listed = try await backend.client.listModels(in: backend.location).collect()
        #expect(listed.map(\.name) == [model.name])
    }

    @Test func convergedTrainingStopsEarlyUnlessEarlyStoppingIsOff() async throws {
        let backend = try await ManualBackend.start(trainer: ScriptedTrainer(convergeAt: 3000))
        let dataset = try await backend.dataset()
        let converged = try await backend.settle(try await backend.train(dataset, budget: 8000), step: .seconds(10))
        let early = try #require(
            try AutoMLClient.result(of: converged, as: Model.self).imageClassificationModelMetadata)
        #expect(early.stopReason == "MODEL_CONVERGED")
        #expect(early.trainCostMilliNodeHours == 3000)

        let full = try await backend.settle(
            try await backend.train(dataset, budget: 8000, disableEarlyStopping: true),
            step: .seconds(10))
        let late = try #require(try AutoMLClient.result(of: full, as: Model.self).imageClassificationModelMetadata)
        #expect(late.stopReason == "BUDGET_REACHED")
        #expect(late.trainCostMilliNodeHours == 8000)
        #expect(late.unknownFields.isEmpty, "the emulator emits only v1 fields")
    }

    @Test(arguments: [
        (Int64(7999), "cloud"), (800_001, "cloud"), (999, "mobile-low-latency-1"),
        (100_001, "mobile-versatile-1"),
    ])
    func budgetOutsideItsRangeIsRefused(budget: Int64, modelType: String) async throws {
        let backend = try await ManualBackend.start()
        let dataset = try await backend.dataset()
        let error = await #expect(throws: AutoMLError.self) {
            _ = try await backend.train(dataset, budget: budget, modelType: modelType)
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains(modelType) == true)
        #expect(error?.message.contains("node hours") == true)
    }

    @Test func missingBudgetTakesTheDocumentedDefault() async throws {
        let backend = try await ManualBackend.start()
        let dataset = try await backend.dataset()
        let operation = try await backend.train(dataset, budget: 0, modelType: "mobile_low_latency_1")
        let done = try await backend.settle(operation, step: .seconds(60))
        let metadata = try #require(try AutoMLClient.result(of: done, as: Model.self).imageClassificationModelMetadata)
        #expect(metadata.trainBudgetMilliNodeHours == 24_000)
        #expect(metadata.modelType == "mobile-low-latency-1")
    }

    @Test func requestsTheServiceRefusesAreRefused() async throws {
        let backend = try await ManualBackend.start()
        let dataset = try await backend.dataset()
        var wrongDomain = Model()
        wrongDomain.displayName = "m"
        wrongDomain.datasetId = dataset.dataset
        wrongDomain.imageObjectDetectionModelMetadata = ImageObjectDetectionModelMetadata()
        await #expect(throws: AutoMLError.self) {
            _ = try await backend.client.createModel(in: backend.location, wrongDomain)
        }
        await #expect(throws: AutoMLError.self) {
            _ = try await backend.train(dataset, modelType: "cloud-high-accuracy-1")
        }
        var badName = wrongDomain
        badName.displayName = "1st model"
        await #expect(throws: AutoMLError.self) {
            _ = try await backend.client.createModel(in: backend.location, badName)
        }
        var missingDataset = Model()
        missingDataset.displayName = "m"
        missingDataset.datasetId = "ICN404"
        missingDataset.imageClassificationModelMetadata = ImageClassificationModelMetadata()
        let error = await #expect(throws: AutoMLError.self) {
            _ = try await backend.client.createModel(in: backend.location, missingDataset)
        }
        #expect(error?.code == .notFound)
    }

    @Test func failingTrainingEndsWithInternalAndNoModel() async throws {
        let backend = try await ManualBackend.start(trainer: ScriptedTrainer(failAt: 2000))
        let dataset = try await backend.dataset()
        let done = try await backend.settle(try await backend.train(dataset), step: .seconds(10))
        #expect(done.error?.rpcCode == .internal)
        #expect(done.error?.message.contains("scripted failure") == true)
        #expect(done.response == nil)
        #expect(try await backend.client.listModels(in: backend.location).collect().isEmpty)
    }
}

/// Bodies copied from older documentation fail loudly instead of being half-understood.
@Suite struct RequestStrictnessTests {
    @Test func legacyTrainBudgetFieldIsRefusedWithAHint() async throws {
        let backend = try await ManualBackend.start()
        let dataset = try await backend.dataset()
        var model = Model()
        model.displayName = "m1"
        model.datasetId = dataset.dataset
        var metadata = ImageClassificationModelMetadata()
        metadata.unknownFields["trainBudget"] = .string("1")
        model.imageClassificationModelMetadata = metadata
        let error = await #expect(throws: AutoMLError.self) {
            _ = try await backend.client.createModel(in: backend.location, model)
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("Unknown name \"trainBudget\" at 'imageClassificationModelMetadata'") == true)
        #expect(error?.message.contains("trainBudgetMilliNodeHours") == true)

        var topLevel = Model()
        topLevel.displayName = "m2"
        topLevel.datasetId = dataset.dataset
        topLevel.imageClassificationModelMetadata = ImageClassificationModelMetadata()
        topLevel.unknownFields["baseModelId"] = .string("ICN1")
        let misplaced = await #expect(throws: AutoMLError.self) {
            _ = try await backend.client.createModel(in: backend.location, topLevel)
        }
        #expect(misplaced?.message.contains("imageClassificationModelMetadata") == true)
        #expect(
            try await backend.client.listOperations(
                in: backend.location, filter: "worksOn=\(backend.location)/models/*"
            )
            .collect().isEmpty, "nothing started")
    }
}
