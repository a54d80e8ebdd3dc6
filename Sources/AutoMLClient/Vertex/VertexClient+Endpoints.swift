public import AutoMLWire
public import Foundation

extension VertexClient {
    /// CreateEndpoint (`?endpointId=` when `id` is given); the operation's response is the ``VertexEndpoint``.
    public func createEndpoint(
        in parent: LocationName, _ endpoint: VertexEndpoint, id: String? = nil, options: CallOptions = .init()
    ) async throws -> LongRunningOperation {
        var call = post("\(parent)/endpoints", endpoint, routing: "parent=\(parent)")
        if let id { call.query = [("endpointId", id)] }
        return try await perform(call, options: options, as: LongRunningOperation.self)
    }

    /// GetEndpoint.
    public func getEndpoint(_ name: VertexEndpointName, options: CallOptions = .init()) async throws -> VertexEndpoint {
        try await perform(get(name), options: options, as: VertexEndpoint.self)
    }

    /// ListEndpoints, every page.
    public func listEndpoints(in parent: LocationName, filter: String? = nil, options: CallOptions = .init())
        -> PagedSequence<VertexListEndpointsResponse>
    {
        PagedSequence { token in
            try await perform(
                list("\(parent)/endpoints", parent: parent, filter: filter, pageSize: nil, pageToken: token),
                options: options, as: VertexListEndpointsResponse.self)
        }
    }

    /// DeleteEndpoint: the response is `google.protobuf.Empty`.
    public func deleteEndpoint(_ name: VertexEndpointName, options: CallOptions = .init()) async throws
        -> LongRunningOperation
    {
        try await perform(delete(name), options: options, as: LongRunningOperation.self)
    }

    /// DeployModel: the model on `replicas` automatic-resources nodes, taking all the traffic (`{"0": 100}`); the
    /// response is a ``VertexDeployModelResponse`` with the DeployedModel and its ID.
    public func deployModel(
        _ model: VertexModelName, to endpoint: VertexEndpointName, replicas: Int32 = 1, displayName: String = "",
        options: CallOptions = .init()
    ) async throws -> LongRunningOperation {
        var deployed = VertexDeployedModel()
        deployed.model = model.description
        deployed.displayName = displayName
        deployed.automaticResources = VertexAutomaticResources(replicas: replicas)
        return try await deployModel(deployed, to: endpoint, trafficSplit: ["0": 100], options: options)
    }

    /// DeployModel as the request has it: a DeployedModel (its `id` may be chosen) and the endpoint's traffic split
    /// after the deploy (`"0"` is this model; an empty split leaves the endpoint's as it is).
    public func deployModel(
        _ deployed: VertexDeployedModel, to endpoint: VertexEndpointName, trafficSplit: [String: Int32],
        options: CallOptions = .init()
    ) async throws -> LongRunningOperation {
        var request = VertexDeployModelRequest()
        request.deployedModel = deployed
        request.trafficSplit = trafficSplit
        return try await perform(
            post("\(endpoint):deployModel", request, routing: "endpoint=\(endpoint)"), options: options,
            as: LongRunningOperation.self)
    }

    /// UndeployModel: the DeployedModel's ID is in ``VertexEndpoint/deployedModels`` (or the model's
    /// ``VertexModel/deployedModels``).
    public func undeployModel(
        _ deployedModelId: String, from endpoint: VertexEndpointName, options: CallOptions = .init()
    ) async throws -> LongRunningOperation {
        var request = VertexUndeployModelRequest()
        request.deployedModelId = deployedModelId
        return try await perform(
            post("\(endpoint):undeployModel", request, routing: "endpoint=\(endpoint)"), options: options,
            as: LongRunningOperation.self)
    }

    /// Predict: images (`{"content": base64}` instances) with `confidenceThreshold` and `maxPredictions`.
    public func predict(
        _ endpoint: VertexEndpointName, images: [Data], confidenceThreshold: Double? = nil,
        maxPredictions: Int? = nil, options: CallOptions = .init()
    ) async throws -> VertexPredictResponse {
        var request = VertexPredictRequest()
        request.instances = images.map { .object(["content": .string($0.base64EncodedString())]) }
        var parameters: JSONObject = [:]
        if let confidenceThreshold { parameters["confidenceThreshold"] = .number(confidenceThreshold) }
        if let maxPredictions { parameters["maxPredictions"] = .integer(Int64(maxPredictions)) }
        if !parameters.isEmpty { request.parameters = .object(parameters) }
        var call = post("\(endpoint):predict", request, routing: "endpoint=\(endpoint)", idempotent: true)
        call.timeout = configuration.predictTimeout
        return try await perform(call, options: options, as: VertexPredictResponse.self)
    }
}
