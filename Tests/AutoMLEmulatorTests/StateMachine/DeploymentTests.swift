import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation
import Testing

/// Deploy and undeploy move the deployment state through operations; prediction needs a trained predictor.
@Suite struct DeploymentTests {
    @Test func deployUndeployAndTheirNoOps() async throws {
        let backend = try await ManualBackend.start()
        let dataset = try await backend.dataset()
        let model = try AutoMLClient.result(
            of: try await backend.settle(try await backend.train(dataset), step: .seconds(10)),
            as: Model.self)
        let name = try ModelName(parsing: model.name)

        var request = DeployModelRequest()
        request.imageClassificationModelDeploymentMetadata = ModelDeploymentMetadata(nodeCount: 2)
        let deploy = try await backend.client.deployModel(name, request)
        #expect(!deploy.done)
        #expect(try await backend.client.getModel(name).deploymentState == .undeployed, "unchanged while deploying")
        let deployed = try await backend.settle(deploy)
        _ = try AutoMLClient.result(of: deployed, as: Empty.self)
        let afterDeploy = try await backend.client.getModel(name)
        #expect(afterDeploy.deploymentState == .deployed)
        #expect(afterDeploy.imageClassificationModelMetadata?.nodeCount == 2)

        let again = try await backend.client.deployModel(name, request)
        #expect(again.done, "deploying with the same node count changes nothing")

        var tooMany = DeployModelRequest()
        tooMany.imageClassificationModelDeploymentMetadata = ModelDeploymentMetadata(nodeCount: 101)
        await #expect(throws: AutoMLError.self) { _ = try await backend.client.deployModel(name, tooMany) }

        let predictError = await #expect(throws: AutoMLError.self) {
            _ = try await backend.client.predict(
                name, payload: ExamplePayload(image: Image(imageBytes: Data([1, 2, 3]))))
        }
        #expect(predictError?.code == .failedPrecondition)
        #expect(predictError?.message.contains("no trained weights") == true)

        _ = try await backend.settle(try await backend.client.undeployModel(name))
        #expect(try await backend.client.getModel(name).deploymentState == .undeployed)
        #expect(try await backend.client.undeployModel(name).done, "undeploying an undeployed model is a no-op")

        let notDeployed = await #expect(throws: AutoMLError.self) {
            _ = try await backend.client.predict(name, payload: ExamplePayload(image: Image(imageBytes: Data([1]))))
        }
        #expect(notDeployed?.message.contains("not deployed") == true)
    }

    @Test func deletesAreOperations() async throws {
        let backend = try await ManualBackend.start()
        let dataset = try await backend.dataset()
        let model = try AutoMLClient.result(
            of: try await backend.settle(try await backend.train(dataset), step: .seconds(10)),
            as: Model.self)
        let name = try ModelName(parsing: model.name)
        let deletion = try await backend.client.deleteModel(name)
        #expect(deletion.automlMetadata?.kind == "delete")
        _ = try AutoMLClient.result(of: try await backend.settle(deletion), as: Empty.self)
        let gone = await #expect(throws: AutoMLError.self) { _ = try await backend.client.getModel(name) }
        #expect(gone?.code == .notFound)

        _ = try await backend.settle(try await backend.client.deleteDataset(dataset))
        await #expect(throws: AutoMLError.self) { _ = try await backend.client.getDataset(dataset) }
        let done = try await backend.client.listOperations(in: backend.location, filter: "done=true").collect()
        #expect(done.count >= 4)
    }
}
