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
        _ = try Self.trafficAfterDeploy(endpoint, request: body.trafficSplit, newID: deployed.id)
        return try await startOperation(
            in: parent, owner: "endpoints/\(endpointID)", kind: .deployModel, worksOn: endpoint.name,
            job: .vertexDeploy(
                endpointID: endpointID, deployedModelJSON: deployed.storedJSON, trafficSplit: body.trafficSplit))
    }

    /// The most replicas (prediction workers) one deployed model may have on this backend.
    static let maxReplicas: Int32 = 8

    /// The work of DeployModel: the configured deploy time, then the endpoint, the model and the operation's end in
    /// one transaction that checks the deployed model's ID and the traffic split again against the endpoint as it is
    /// then (another deploy or undeploy may have changed it); then the model's workers start.
    func runDeploy(
        _ operation: StoredOperation, endpointID: String, deployedModelJSON: String, requestedSplit: [String: Int32]
    ) async throws -> OperationOutcome {
        var deployed = try VertexDeployedModel.fromStored(deployedModelJSON)
        let modelID = Self.modelID(of: deployed.model)
        guard let folder = try await store.vertexModel(modelID, in: operation.parent)?.artifactPath else {
            return .failure(Status(code: .notFound, message: "model \(deployed.model) was deleted during the deploy."))
        }
        try await clock.sleep(for: base.configuration.deployDuration)
        let now = Timestamp(clock.now())
        deployed.createTime = now
        let final = deployed
        let endpointName = operation.worksOn
        let store = store
        // Shielded from cancellation: the commit is whole or not at all.
        let commit = try await Task { [store] in
            try await store.commitDeploy(
                operationID: operation.id, endpointID: endpointID, modelID: modelID, now: now.date
            ) { endpoint, model in
                guard !endpoint.deployedModels.contains(where: { $0.id == final.id }) else {
                    throw ServiceError(
                        .alreadyExists, "endpoint \(endpoint.name) already has deployed model \(final.id).")
                }
                endpoint.trafficSplit = try Self.trafficAfterDeploy(endpoint, request: requestedSplit, newID: final.id)
                endpoint.deployedModels.append(final)
                endpoint.updateTime = now
                endpoint.etag = UUID().uuidString
                var reference = VertexDeployedModelRef()
                reference.endpoint = endpointName
                reference.deployedModelId = final.id
                model.deployedModels.append(reference)
                model.updateTime = now
                var response = VertexDeployModelResponse()
                response.deployedModel = final
                return ProtoAny(response)
            }
        }.value
        switch commit {
        case .deployed(_, let response):
            // Workers start once the deployment is recorded (a model already serving elsewhere keeps its workers).
            _ = try? await base.serving.warm(
                modelID, directory: folder, replicas: Int(final.automaticResources?.maxReplicaCount ?? 1))
            return OperationOutcome(response: response, isRecorded: true)
        case .refused(let status): return .failure(status)
        case .ended: return OperationOutcome(isRecorded: true)
        }
    }

    /// UndeployModel: the model leaves the endpoint within the request, checked and written in one transaction
    /// (its workers stop when no endpoint serves it). A model that still gets traffic can go only with a new split
    /// that leaves it out, or when it is the last one. A model deleted meanwhile still leaves the endpoint.
    func undeployModel(_ endpointID: String, in parent: VertexParent, body: VertexUndeployModelRequest) async throws
        -> LongRunningOperation
    {
        let endpoint = try await getEndpoint(endpointID, in: parent)
        guard let deployed = endpoint.deployedModels.first(where: { $0.id == body.deployedModelId }) else {
            throw Self.notFound("DeployedModel", "\(endpoint.name) deployed model \"\(body.deployedModelId)\"")
        }
        let modelID = Self.modelID(of: deployed.model)
        let now = Timestamp(clock.now())
        let requested = body.trafficSplit
        let model = try await store.commitUndeploy(endpointID: endpointID, modelID: modelID) { endpoint, model in
            endpoint.trafficSplit = try Self.trafficAfterUndeploy(endpoint, of: deployed.id, request: requested)
            endpoint.deployedModels.removeAll { $0.id == deployed.id }
            endpoint.updateTime = now
            endpoint.etag = UUID().uuidString
            model?.deployedModels.removeAll { $0.deployedModelId == deployed.id }
            model?.updateTime = now
        }
        if model?.deployedModels.isEmpty ?? true { await base.serving.discard(modelID) }
        return try await finishedOperation(
            in: parent, owner: "endpoints/\(endpointID)", kind: .undeployModel, worksOn: endpoint.name,
            response: VertexUndeployModelResponse())
    }

    /// The endpoint's split once a model leaves: the request's (naming only the models that stay), or, without one,
    /// the current split without the model, which must get no traffic unless it is the last model.
    static func trafficAfterUndeploy(_ endpoint: VertexEndpoint, of id: String, request: [String: Int32]) throws
        -> [String: Int32]
    {
        guard endpoint.deployedModels.contains(where: { $0.id == id }) else {
            throw ServiceError(.notFound, "deployed model \(id) has already left endpoint \(endpoint.name).")
        }
        let remaining = Set(endpoint.deployedModels.map(\.id)).subtracting([id])
        if !request.isEmpty {
            try checkSplit(request, deployedIDs: remaining)
            return request
        }
        if remaining.isEmpty { return [:] }
        let share = endpoint.trafficSplit[id] ?? 0
        guard share == 0 else {
            throw ServiceError.failedPrecondition(
                "deployed model \(id) gets \(share)% of endpoint \(endpoint.name)'s traffic; send a trafficSplit that "
                    + "gives it none.")
        }
        return endpoint.trafficSplit.filter { $0.key != id }
    }

    /// The bare model ID of a deployed model's `model` name.
    static func modelID(of name: String) -> String {
        String(name.split(separator: "/").last?.split(separator: "@").first ?? "")
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
        // Read only: a name in a body never gives a project a number.
        let project =
            parts[1].allSatisfy(\.isASCIIDigit) ? try await store.vertexProject(withNumber: parts[1]) : parts[1]
        guard project == parent.parent.project, parts[3] == parent.parent.location else {
            throw ServiceError.invalidArgument(
                "deployedModel.model \(name) is not in the endpoint's project and location (\(parent)).")
        }
        let id = Self.modelID(of: name)
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
        try await store.pipeline(makingModel: modelID, in: parent.parent).map(Self.view(of:))
    }

    /// The endpoint's split once the new model is deployed: the request's (key "0" is the new model), which must
    /// name only deployed models and add up to 100; none given leaves the split as it is, except that the first model
    /// of an endpoint gets all the traffic.
    static func trafficAfterDeploy(_ endpoint: VertexEndpoint, request: [String: Int32], newID: String) throws
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
