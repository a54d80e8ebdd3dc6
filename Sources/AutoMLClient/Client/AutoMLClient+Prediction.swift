public import AutoMLWire

extension AutoMLClient {
    /// Predict: labels or boxes for one image, from a deployed model.
    /// - Parameter params: `score_threshold` (both domains), `max_bounding_box_count` (detection).
    public func predict(
        _ model: ModelName, payload: ExamplePayload, params: [String: String] = [:],
        options: CallOptions = .init()
    ) async throws -> PredictResponse {
        var request = PredictRequest()
        request.payload = payload
        request.params = params
        var call = post(model, verb: "predict", request)
        call.timeout = configuration.predictTimeout
        return try await perform(call, options: options, as: PredictResponse.self)
    }

    /// BatchPredict: starts predicting for every image listed in the input CSV files; results are written
    /// under the output prefix and the response is a `BatchPredictResult`.
    public func batchPredict(_ model: ModelName, _ request: BatchPredictRequest, options: CallOptions = .init())
        async throws -> LongRunningOperation
    {
        var call = post(model, verb: "batchPredict", request)
        call.timeout = configuration.predictTimeout
        return try await performReconciling(call, options: options) { since in
            try await startedOperations("batchPredict", on: model, since: since, options: options)
        }
    }
}
