public import AutoMLWire

extension VertexClient {
    /// CreateTrainingPipeline: answers with the pipeline itself (state QUEUED or PENDING), not an operation; follow
    /// it with ``waitForPipeline(_:policy:options:)``.
    public func createTrainingPipeline(
        in parent: LocationName, _ pipeline: VertexTrainingPipeline, options: CallOptions = .init()
    ) async throws -> VertexTrainingPipeline {
        try await perform(
            post("\(parent)/trainingPipelines", pipeline, routing: "parent=\(parent)"), options: options,
            as: VertexTrainingPipeline.self)
    }

    /// GetTrainingPipeline.
    public func getTrainingPipeline(_ name: VertexTrainingPipelineName, options: CallOptions = .init()) async throws
        -> VertexTrainingPipeline
    {
        try await perform(get(name), options: options, as: VertexTrainingPipeline.self)
    }

    /// ListTrainingPipelines, one page; `filter` such as `state="PIPELINE_STATE_RUNNING"`.
    public func listTrainingPipelinesPage(
        in parent: LocationName, filter: String? = nil, pageSize: Int? = nil, pageToken: String? = nil,
        options: CallOptions = .init()
    ) async throws -> VertexListTrainingPipelinesResponse {
        try await perform(
            list(
                "\(parent)/trainingPipelines", parent: parent, filter: filter, pageSize: pageSize, pageToken: pageToken),
            options: options, as: VertexListTrainingPipelinesResponse.self)
    }

    /// ListTrainingPipelines, every page.
    public func listTrainingPipelines(in parent: LocationName, filter: String? = nil, options: CallOptions = .init())
        -> PagedSequence<VertexListTrainingPipelinesResponse>
    {
        PagedSequence { token in
            try await listTrainingPipelinesPage(in: parent, filter: filter, pageToken: token, options: options)
        }
    }

    /// CancelTrainingPipeline: best effort; a cancelled pipeline ends CANCELLED with error code 1.
    public func cancelTrainingPipeline(_ name: VertexTrainingPipelineName, options: CallOptions = .init())
        async throws
    {
        _ = try await perform(
            post("\(name):cancel", Empty(), routing: "name=\(name)", idempotent: true), options: options,
            as: Empty.self)
    }

    /// DeleteTrainingPipeline: the response is `google.protobuf.Empty`.
    public func deleteTrainingPipeline(_ name: VertexTrainingPipelineName, options: CallOptions = .init())
        async throws -> LongRunningOperation
    {
        try await perform(delete(name), options: options, as: LongRunningOperation.self)
    }

    /// The states of a pipeline as it runs, each change once, ending with a terminal one (SUCCEEDED, FAILED or
    /// CANCELLED). Cancelling the reading task stops the polling, not the pipeline.
    public func progress(
        of name: VertexTrainingPipelineName, policy: PollPolicy = .standard, options: CallOptions = .init()
    ) -> AsyncThrowingStream<VertexTrainingPipeline, any Error> {
        engine.pollStream(
            described: name.description, policy: policy,
            fetch: { try await getTrainingPipeline(name, options: options) }, isDone: \.state.isTerminal)
    }

    /// Waits for a pipeline to end; returns it when it SUCCEEDED (``VertexTrainingPipeline/modelToUpload`` names the
    /// model) and throws its error as an ``AutoMLError`` when it FAILED or was CANCELLED.
    public func waitForPipeline(
        _ name: VertexTrainingPipelineName, policy: PollPolicy = .standard, options: CallOptions = .init()
    ) async throws -> VertexTrainingPipeline {
        var last: VertexTrainingPipeline?
        for try await pipeline in progress(of: name, policy: policy, options: options) { last = pipeline }
        guard let last else { throw TransportError(.malformedResponse, "no state was read for \(name)") }
        if last.state != .succeeded {
            throw AutoMLError(
                operationError: last.error ?? Status(code: .unknown, message: "\(name) ended \(last.state)"))
        }
        return last
    }
}
