import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation
import Testing

/// Resumable training checks what the service checks, and says which rule failed.
@Suite struct ResumableTrainingTests {
    private func trainedBase(_ backend: ManualBackend, modelType: String = "cloud") async throws -> (DatasetName, Model)
    {
        let dataset = try await backend.dataset()
        let budget: Int64 = modelType == "cloud" ? 8000 : 1000
        let done = try await backend.settle(
            try await backend.train(dataset, budget: budget, modelType: modelType),
            step: .seconds(10))
        return (dataset, try AutoMLClient.result(of: done, as: Model.self))
    }

    @Test func resumingFromABaseModelTrainsANewModel() async throws {
        let backend = try await ManualBackend.start()
        let (dataset, base) = try await trainedBase(backend)
        let baseID = try ModelName(parsing: base.name).model
        let done = try await backend.settle(
            try await backend.train(dataset, budget: 8000, baseModelId: baseID),
            step: .seconds(10))
        let resumed = try AutoMLClient.result(of: done, as: Model.self)
        #expect(resumed.imageClassificationModelMetadata?.baseModelId == baseID)
        #expect(resumed.name != base.name)
    }

    @Test func differentModelTypeIsInvalidEvenWhenOmitted() async throws {
        let backend = try await ManualBackend.start()
        let (dataset, base) = try await trainedBase(backend, modelType: "mobile-versatile-1")
        let baseID = try ModelName(parsing: base.name).model
        let error = await #expect(throws: AutoMLError.self) {
            _ = try await backend.train(dataset, budget: 8000, modelType: "", baseModelId: baseID)
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("modelType") == true)
        #expect(error?.message.contains("mobile-versatile-1") == true)
    }

    @Test func changedLabelsFailThePrecondition() async throws {
        let backend = try await ManualBackend.start()
        let (dataset, base) = try await trainedBase(backend)
        try await backend.importImages(into: dataset, labels: ["rose"], perLabel: 10, csvName: "more.csv")
        let error = await #expect(throws: AutoMLError.self) {
            _ = try await backend.train(dataset, baseModelId: try ModelName(parsing: base.name).model)
        }
        #expect(error?.code == .failedPrecondition)
        #expect(error?.message.contains("added rose") == true)
    }

    @Test func baseModelOlderThanFourteenDaysIsRefused() async throws {
        let backend = try await ManualBackend.start()
        let (dataset, base) = try await trainedBase(backend)
        backend.clock.advance(by: .seconds(15 * 86_400))
        let error = await #expect(throws: AutoMLError.self) {
            _ = try await backend.train(dataset, baseModelId: try ModelName(parsing: base.name).model)
        }
        #expect(error?.code == .failedPrecondition)
        #expect(error?.message.contains("14 days") == true)
    }

    @Test func baseModelMustBeInTheSameProjectAndLocation() async throws {
        let backend = try await ManualBackend.start()
        let dataset = try await backend.dataset()
        let error = await #expect(throws: AutoMLError.self) {
            _ = try await backend.train(dataset, baseModelId: "ICN123456")
        }
        #expect(error?.code == .notFound)
        #expect(error?.message.contains("same project and location") == true)
    }
}
