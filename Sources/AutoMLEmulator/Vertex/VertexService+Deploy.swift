import AutoMLWire
import Foundation

extension VertexService {
    /// DeployModel: checks the model, resources and traffic split now; the deploy runs in the background (it starts
    /// the model's prediction workers) and then shows on the endpoint and the model.
    func deployModel(_ endpointID: String, in parent: VertexParent, body: VertexDeployModelRequest) async throws
        -> LongRunningOperation
    {
        let endpoint = try await getEndpoint(endpointID, in: parent)
        guard var deployed = body.deployedModel else {
            throw ServiceError.invalidArgument("deployedModel is required.")
        }
        let model = try await deployableModel(deployed.model, in: parent)
        if deployed.id.isEmpty {
            deployed.id = String(UInt64.random(in: 1_000_000_000_000_000_000...9_223_372_036_854_775_807))
        } else {
            guard (1...10).contains(deployed.id.count), deployed.id.allSatisfy(\.isASCIIDigit) else {
                throw ServiceError.invalidArgument("deployedModel.id \"\(deployed.id)\" must be 1–10 digits.")
            }
            guard !endpoint.deployedModels.contains(where: { $0.id == deployed.id }) else {
                throw ServiceError(
                    .alreadyExists, "endpoint \(endpoint.name) already has deployed model \(deployed.id).")
            }
        }
        var resources = deployed.automaticResources ?? VertexAutomaticResources()
        if resources.minReplicaCount == 0 { resources.minReplicaCount = 1 }
        if resources.maxReplicaCount == 0 { resources.maxReplicaCount = resources.minReplicaCount }
        guard (1...Self.maxReplicas).contains(resources.minReplicaCount),
            (resources.minReplicaCount...Self.maxReplicas).contains(resources.maxReplicaCount)
        else {
            throw ServiceError.invalidArgument(
                "automaticResources: minReplicaCount must be 1–\(Self.maxReplicas) and maxReplicaCount from "
                    + "minReplicaCount to \(Self.maxReplicas) on this backend (each replica is a prediction worker).")
        }
        deployed.automaticResources = resources
        deployed.model = model.model.name
        deployed.modelVersionId = "1"
        if deployed.displayName.isEmpty { deployed.displayName = model.model.displayName }
        let split = try trafficAfterDeploy(endpoint, request: body.trafficSplit, newID: deployed.id)
        return try await startOperation(
            in: parent, owner: "endpoints/\(endpointID)", kind: .deployModel, worksOn: endpoint.name,
            job: .vertexDeploy(endpointID: endpointID, deployedModelJSON: deployed.storedJSON, trafficSplit: split))
    }

    /// The most replicas (prediction workers) one deployed model may have on this backend.
    static let maxReplicas: Int32 = 8

    /// The work of DeployModel: the configured deploy time, warm workers, then the endpoint and the model changed
    /// together.
    func runDeploy(_ operation: StoredOperation, endpointID: String, deployedModelJSON: String, split: [String: Int32])
        async throws -> OperationOutcome
    {
        var deployed = try VertexDeployedModel.fromStored(deployedModelJSON)
        let modelID = String(deployed.model.split(separator: "/").last ?? "")
        guard let model = try await store.vertexModel(modelID, in: operation.parent), let folder = model.artifactPath
        else {
            return .failure(Status(code: .notFound, message: "model \(deployed.model) was deleted during the deploy."))
        }
        try await clock.sleep(for: base.configuration.deployDuration)
        await base.serving.discard(modelID)
        _ = try? await base.serving.warm(
            modelID, directory: folder, replicas: Int(deployed.automaticResources?.maxReplicaCount ?? 1))
        let now = Timestamp(clock.now())
        deployed.createTime = now
        let final = deployed
        do {
            guard
                let endpoint = try await store.changeEndpointAndModel(
                    endpointID: endpointID, modelID: modelID,
                    endpoint: { endpoint in
                        endpoint.deployedModels.append(final)
                        endpoint.trafficSplit = split
                        endpoint.updateTime = now
                        endpoint.etag = UUID().uuidString
                    },
                    model: { model in
                        var reference = VertexDeployedModelRef()
                        reference.endpoint = operation.worksOn
                        reference.deployedModelId = final.id
                        model.deployedModels.append(reference)
                        model.updateTime = now
                    })
            else {
                return .failure(Status(code: .notFound, message: "model \(final.model) was deleted during the deploy."))
            }
            var response = VertexDeployModelResponse()
            response.deployedModel = endpoint.deployedModels.first { $0.id == final.id }
            return .response(response)
        } catch is EndpointGone {
            return .failure(
                Status(code: .notFound, message: "endpoint \(operation.worksOn) was deleted during the deploy."))
        }
    }

    /// UndeployModel: the model leaves the endpoint within the request (its workers stop when no endpoint serves it).
    /// A model that still gets traffic can go only with a new split that leaves it out, or when it is the last one.
    func undeployModel(_ endpointID: String, in parent: VertexParent, body: VertexUndeployModelRequest) async throws
        -> LongRunningOperation
    {
        let endpoint = try await getEndpoint(endpointID, in: parent)
        guard let deployed = endpoint.deployedModels.first(where: { $0.id == body.deployedModelId }) else {
            throw Self.notFound("DeployedModel", "\(endpoint.name) deployed model \"\(body.deployedModelId)\"")
        }
        let remaining = endpoint.deployedModels.filter { $0.id != deployed.id }
        var split = body.trafficSplit
        if split.isEmpty {
            split = endpoint.trafficSplit.filter { $0.key != deployed.id }
            if remaining.isEmpty {
                split = [:]
            } else if (endpoint.trafficSplit[deployed.id] ?? 0) > 0 {
                throw ServiceError.failedPrecondition(
                    "deployed model \(deployed.id) gets \(endpoint.trafficSplit[deployed.id] ?? 0)% of endpoint "
                        + "\(endpoint.name)'s traffic; send a trafficSplit that gives it none.")
            }
        } else {
            try Self.checkSplit(split, deployedIDs: Set(remaining.map(\.id)))
        }
        let modelID = String(deployed.model.split(separator: "/").last ?? "")
        let now = Timestamp(clock.now())
        let newSplit = split
        let changed = try await store.changeEndpointAndModel(
            endpointID: endpointID, modelID: modelID,
            endpoint: { endpoint in
                endpoint.deployedModels.removeAll { $0.id == deployed.id }
                endpoint.trafficSplit = newSplit
                endpoint.updateTime = now
                endpoint.etag = UUID().uuidString
            },
            model: { model in
                model.deployedModels.removeAll { $0.deployedModelId == deployed.id }
                model.updateTime = now
            })
        if let model = try await store.vertexModel(modelID, in: parent.parent), model.model.deployedModels.isEmpty {
            await base.serving.discard(modelID)
        }
        guard changed != nil else { throw Self.notFound("Model", deployed.model) }
        return try await finishedOperation(
            in: parent, owner: "endpoints/\(endpointID)", kind: .undeployModel, worksOn: endpoint.name,
            response: VertexUndeployModelResponse())
    }

    /// The model a deploy names: a model of the endpoint's project and location with trained weights. A model whose
    /// training pipeline is still running does not exist yet, and the error says so.
    private func deployableModel(_ name: String, in parent: VertexParent) async throws -> StoredVertexModel {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "projects", parts[2] == "locations", parts[4] == "models", !parts[5].isEmpty
        else {
            throw ServiceError.invalidArgument(
                "deployedModel.model \"\(name)\" must be a model name, projects/PROJECT/locations/LOCATION/models/ID.")
        }
        let named = try await resolve(project: parts[1], location: parts[3])
        guard named.parent == parent.parent else {
            throw ServiceError.invalidArgument(
                "deployedModel.model \(name) is not in the endpoint's project and location (\(parent)).")
        }
        let id = String(parts[5].split(separator: "@").first ?? "")
        if try await store.vertexModel(id, in: parent.parent) == nil,
            let pipeline = try await pipelineMaking(id, in: parent)
        {
            throw ServiceError.failedPrecondition(
                "model \(parent.name("models", id)) does not exist yet: training pipeline \(pipeline.name) that makes "
                    + "it is \(pipeline.state.rawValue); deploy it once the pipeline has SUCCEEDED.")
        }
        let model = try await requireModel(parts[5], in: parent)
        guard model.artifactPath != nil else {
            throw ServiceError.failedPrecondition("model \(model.model.name) has no trained weights to serve.")
        }
        return model
    }

    /// The pipeline that is training the model with this ID, if one is.
    private func pipelineMaking(_ modelID: String, in parent: VertexParent) async throws -> VertexTrainingPipeline? {
        for stored in try await store.pipelines(
            in: parent.parent, page: PageRead(afterSeq: nil, limit: .max) { _ in true })
        {
            guard let operation = try await store.pipelineOperation(stored.operationID),
                case .train(let state) = operation.job, state.modelID == modelID
            else { continue }
            return try await pipelineView(stored)
        }
        return nil
    }

    /// The endpoint's split once the new model is deployed: the request's (key "0" is the new model), which must
    /// name only deployed models and add up to 100; none given leaves the split as it is, except that the first model
    /// of an endpoint gets all the traffic.
    private func trafficAfterDeploy(_ endpoint: VertexEndpoint, request: [String: Int32], newID: String) throws
        -> [String: Int32]
    {
        if request.isEmpty { return endpoint.trafficSplit.isEmpty ? [newID: 100] : endpoint.trafficSplit }
        var split: [String: Int32] = [:]
        for (key, value) in request { split[key == "0" ? newID : key] = value }
        try Self.checkSplit(split, deployedIDs: Set(endpoint.deployedModels.map(\.id) + [newID]))
        return split
    }

    static func checkSplit(_ split: [String: Int32], deployedIDs: Set<String>) throws {
        if let unknown = split.keys.sorted().first(where: { !deployedIDs.contains($0) }) {
            throw ServiceError.invalidArgument(
                "trafficSplit names \"\(unknown)\", which is not a model deployed on the endpoint (use \"0\" for the "
                    + "model being deployed).")
        }
        let total = split.values.reduce(0) { $0 + Int($1) }
        guard split.values.allSatisfy({ (0...100).contains($0) }), total == 100 else {
            throw ServiceError.invalidArgument("trafficSplit percentages must add up to 100 (they add up to \(total)).")
        }
    }
}
