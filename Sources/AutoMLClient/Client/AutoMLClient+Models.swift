public import AutoMLWire

extension AutoMLClient {
    /// CreateModel: starts training; the operation's response is the trained `Model`.
    ///
    /// Never sent again blindly once the request may have reached the server, since a second request would train a
    /// second model: a training started since the call is looked for first (see
    /// ``performReconciling(_:options:candidates:)``).
    public func createModel(in parent: LocationName, _ model: Model, options: CallOptions = .init())
        async throws -> LongRunningOperation
    {
        let call = RESTCall(
            method: "POST", path: "\(parent)/models", body: model.jsonData(), idempotent: false,
            routing: "parent=\(parent)")
        return try await performReconciling(call, options: options) { since in
            try await startedOperations("createModel", in: parent, filter: nil, since: since, options: options)
                .filter { operation in
                    // A finished training names its model; one of another name is not this call's.
                    guard let trained = try? operation.response?.unpack(Model.self) else { return true }
                    return trained.displayName == model.displayName
                }
        }
    }

    /// GetModel.
    public func getModel(_ name: ModelName, options: CallOptions = .init()) async throws -> Model {
        try await perform(get(name), options: options, as: Model.self)
    }

    /// ListModels, one page.
    /// - Parameter filter: such as `dataset_id=ICN123` or `image_classification_model_metadata:*`.
    public func listModelsPage(
        in parent: LocationName, filter: String? = nil, pageSize: Int? = nil,
        pageToken: String? = nil, options: CallOptions = .init()
    )
        async throws -> ListModelsResponse
    {
        try await perform(
            list(
                "\(parent)/models", parent: parent, filter: filter, pageSize: pageSize,
                pageToken: pageToken), options: options, as: ListModelsResponse.self)
    }

    /// ListModels, every page, fetched as the sequence is read.
    public func listModels(
        in parent: LocationName, filter: String? = nil, pageSize: Int? = nil,
        options: CallOptions = .init()
    ) -> PagedSequence<ListModelsResponse> {
        PagedSequence { token in
            try await listModelsPage(in: parent, filter: filter, pageSize: pageSize, pageToken: token, options: options)
        }
    }

    /// UpdateModel: overwrites the fields named in `updateMask`.
    public func updateModel(_ model: Model, updateMask: [String] = [], options: CallOptions = .init())
        async throws -> Model
    {
        let name = try ModelName(parsing: model.name)
        var call = RESTCall(
            method: "PATCH", path: name.description, body: model.jsonData(), idempotent: true,
            routing: "model.name=\(name)")
        if !updateMask.isEmpty { call.query = [("updateMask", updateMask.joined(separator: ","))] }
        return try await perform(call, options: options, as: Model.self)
    }

    /// DeleteModel: starts deleting a model; the response is `Empty`.
    public func deleteModel(_ name: ModelName, options: CallOptions = .init()) async throws -> LongRunningOperation {
        try await perform(
            RESTCall(method: "DELETE", path: name.description, idempotent: true, routing: "name=\(name)"),
            options: options, as: LongRunningOperation.self)
    }

    /// DeployModel: starts deploying a model for online prediction. An empty request deploys with the
    /// service's defaults.
    public func deployModel(
        _ name: ModelName, _ request: DeployModelRequest = DeployModelRequest(),
        options: CallOptions = .init()
    ) async throws -> LongRunningOperation {
        try await performReconciling(post(name, verb: "deploy", request), options: options) { since in
            try await startedOperations("deployModel", on: name, since: since, options: options)
        }
    }

    /// UndeployModel: starts undeploying a model; a model that is not deployed is left as it is.
    public func undeployModel(_ name: ModelName, options: CallOptions = .init()) async throws -> LongRunningOperation {
        try await performReconciling(post(name, verb: "undeploy", UndeployModelRequest()), options: options) { since in
            try await startedOperations("undeployModel", on: name, since: since, options: options)
        }
    }

    /// ExportModel: starts writing the model under a `gs://` prefix in the chosen format.
    public func exportModel(
        _ name: ModelName, to outputConfig: ModelExportOutputConfig,
        options: CallOptions = .init()
    ) async throws -> LongRunningOperation {
        try await performReconciling(
            post(name, verb: "export", ExportModelRequest(outputConfig: outputConfig)), options: options
        ) { since in try await startedOperations("exportModel", on: name, since: since, options: options) }
    }

    /// GetModelEvaluation.
    public func getModelEvaluation(_ name: ModelEvaluationName, options: CallOptions = .init())
        async throws -> ModelEvaluation
    {
        try await perform(get(name), options: options, as: ModelEvaluation.self)
    }

    /// ListModelEvaluations, one page. The filter is required by the API; the empty string lists them all.
    /// - Parameter filter: such as `annotation_spec_id=123` or `NOT annotation_spec_id:*` (only the overall one).
    public func listModelEvaluationsPage(
        of model: ModelName, filter: String = "", pageSize: Int? = nil,
        pageToken: String? = nil, options: CallOptions = .init()
    )
        async throws -> ListModelEvaluationsResponse
    {
        try await perform(
            list(
                "\(model)/modelEvaluations", parent: model, filter: filter, pageSize: pageSize,
                pageToken: pageToken), options: options, as: ListModelEvaluationsResponse.self)
    }

    /// ListModelEvaluations, every page. The model ID `-` lists the evaluations of every model in the location.
    public func listModelEvaluations(
        of model: ModelName, filter: String = "", pageSize: Int? = nil,
        options: CallOptions = .init()
    ) -> PagedSequence<ListModelEvaluationsResponse> {
        PagedSequence { token in
            try await listModelEvaluationsPage(
                of: model, filter: filter, pageSize: pageSize, pageToken: token,
                options: options)
        }
    }
}
