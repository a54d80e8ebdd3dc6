import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation
import Testing

/// Cancel in every state: the operation ends done with code 1 and leaves no half-made resource.
@Suite struct CancelTests {
    @Test func cancelDuringTrainingLeavesNoModel() async throws {
        let backend = try await ManualBackend.start()
        let dataset = try await backend.dataset()
        let operation = try await backend.train(dataset, budget: 80_000)
        try await backend.waitForSleeper()
        backend.clock.advance(by: .seconds(50))
        try await backend.client.cancelOperation(try OperationName(parsing: operation.name))
        #expect(await eventually { (try? await backend.state(operation).done) == true })
        let ended = try await backend.state(operation)
        #expect(ended.error?.code == 1)
        #expect(ended.response == nil)
        #expect(try await backend.client.listModels(in: backend.location).collect().isEmpty)
        await #expect(throws: AutoMLError.self) {
            _ = try AutoMLClient.result(of: ended, as: Model.self)
        }
    }

    @Test func cancelRightAfterStartAndCancelOfADoneOperation() async throws {
        let backend = try await ManualBackend.start()
        let dataset = try await backend.dataset()
        let operation = try await backend.train(dataset)
        let name = try OperationName(parsing: operation.name)
        try await backend.client.cancelOperation(name)
        #expect(await eventually { (try? await backend.state(operation).error?.code) == 1 })

        let trained = try await backend.settle(try await backend.train(dataset), step: .seconds(10))
        try await backend.client.cancelOperation(try OperationName(parsing: trained.name))
        let after = try await backend.state(trained)
        #expect(after.error == nil, "cancelling a finished operation changes nothing")
        #expect(after.response == trained.response)
    }

    @Test func cancelDuringDeployLeavesTheModelUndeployed() async throws {
        let backend = try await ManualBackend.start()
        let dataset = try await backend.dataset()
        let model = try AutoMLClient.result(
            of: try await backend.settle(try await backend.train(dataset), step: .seconds(10)),
            as: Model.self)
        let modelName = try ModelName(parsing: model.name)
        let deploy = try await backend.client.deployModel(modelName)
        try await backend.waitForSleeper()
        try await backend.client.cancelOperation(try OperationName(parsing: deploy.name))
        #expect(await eventually { (try? await backend.state(deploy).error?.code) == 1 })
        #expect(try await backend.client.getModel(modelName).deploymentState == .undeployed)
    }

    @Test func cancelUnknownOperationIsNotFound() async throws {
        let backend = try await ManualBackend.start()
        let error = await #expect(throws: AutoMLError.self) {
            try await backend.client.cancelOperation(try backend.location.operation("ICN404"))
        }
        #expect(error?.code == .notFound)
    }
}
