public import AutoMLWire

extension VertexClient {
    /// GetModel.
    public func getModel(_ name: VertexModelName, options: CallOptions = .init()) async throws -> VertexModel {
        try await perform(get(name), options: options, as: VertexModel.self)
    }

    /// ListModels, one page; `filter` such as `display_name="m1"` (there is no dataset filter: a model's dataset is
    /// its training pipeline's).
    public func listModelsPage(
        in parent: LocationName, filter: String? = nil, orderBy: String? = nil, pageSize: Int? = nil,
        pageToken: String? = nil, options: CallOptions = .init()
    ) async throws -> VertexListModelsResponse {
        try await perform(
            list(
                "\(parent)/models", parent: parent, filter: filter, pageSize: pageSize, pageToken: pageToken,
                orderBy: orderBy), options: options, as: VertexListModelsResponse.self)
    }

    /// ListModels, every page.
    public func listModels(in parent: LocationName, filter: String? = nil, options: CallOptions = .init())
        -> PagedSequence<VertexListModelsResponse>
    {
        PagedSequence { token in
            try await listModelsPage(in: parent, filter: filter, pageToken: token, options: options)
        }
    }

    /// DeleteModel: refused while the model is deployed; the response is `google.protobuf.Empty`.
    public func deleteModel(_ name: VertexModelName, options: CallOptions = .init()) async throws
        -> LongRunningOperation
    {
        try await perform(delete(name), options: options, as: LongRunningOperation.self)
    }

    /// ExportModel (`:export`) in a format the model lists (`tflite`, `tf-saved-model`, …).
    public func exportModel(
        _ name: VertexModelName, format: String, to destination: String, options: CallOptions = .init()
    ) async throws -> LongRunningOperation {
        var output = VertexExportModelRequest.OutputConfig()
        output.exportFormatId = format
        output.artifactDestination = VertexGcsDestination(outputUriPrefix: destination)
        var request = VertexExportModelRequest()
        request.outputConfig = output
        return try await perform(
            post("\(name):export", request, routing: "name=\(name)"), options: options, as: LongRunningOperation.self)
    }

    /// ListModelEvaluations: one per model for AutoML image models.
    public func listModelEvaluations(of model: VertexModelName, options: CallOptions = .init())
        -> PagedSequence<VertexListModelEvaluationsResponse>
    {
        PagedSequence { token in
            try await perform(
                list("\(model)/evaluations", parent: model, filter: nil, pageSize: nil, pageToken: token),
                options: options, as: VertexListModelEvaluationsResponse.self)
        }
    }

    /// GetModelEvaluation.
    public func getModelEvaluation(_ name: VertexModelEvaluationName, options: CallOptions = .init()) async throws
        -> VertexModelEvaluation
    {
        try await perform(get(name), options: options, as: VertexModelEvaluation.self)
    }

    /// ListModelEvaluationSlices: the per-label metrics (`slice.dimension` is `annotationSpec`).
    public func listModelEvaluationSlices(of evaluation: VertexModelEvaluationName, options: CallOptions = .init())
        -> PagedSequence<VertexListModelEvaluationSlicesResponse>
    {
        PagedSequence { token in
            try await perform(
                list("\(evaluation)/slices", parent: evaluation, filter: nil, pageSize: nil, pageToken: token),
                options: options, as: VertexListModelEvaluationSlicesResponse.self)
        }
    }

    /// GetModelEvaluationSlice: one label's metrics.
    public func getModelEvaluationSlice(_ name: VertexModelEvaluationSliceName, options: CallOptions = .init())
        async throws -> VertexModelEvaluationSlice
    {
        try await perform(get(name), options: options, as: VertexModelEvaluationSlice.self)
    }
}
