import AutoMLWire
import Foundation

extension AutoMLClient {
    /// The local backend's training log of a training operation (`GET NAME:trainingLog`, its own extension; Google's
    /// service has no such method and answers 404, which is thrown as NOT_FOUND).
    package func trainingLog(ofOperation name: OperationName, options: CallOptions = .init()) async throws
        -> TrainingLog
    {
        try await trainingLog(of: name, options: options)
    }

    /// The training log of a resource named below the endpoint's `/v1/` (an operation, a training pipeline).
    func trainingLog(of name: some CustomStringConvertible, options: CallOptions) async throws -> TrainingLog {
        let call = RESTCall(method: "GET", path: "\(name):trainingLog", idempotent: true, routing: "name=\(name)")
        let response = try await send(call, options: options)
        do {
            return try JSONDecoder().decode(TrainingLog.self, from: response.body)
        } catch {
            throw TransportError(
                .malformedResponse, "the answer to GET \(redactedURL(url(for: call))) is not a training log: \(error)")
        }
    }
}

extension VertexClient {
    /// The local backend's training log of a training pipeline (`GET NAME:trainingLog`, its own extension).
    package func trainingLog(ofPipeline name: VertexTrainingPipelineName, options: CallOptions = .init()) async throws
        -> TrainingLog
    {
        try await engine.trainingLog(of: name, options: options)
    }
}
