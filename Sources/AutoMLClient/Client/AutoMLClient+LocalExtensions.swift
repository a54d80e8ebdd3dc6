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

    /// The local backend's test predictions of a model (`GET NAME:testPredictions`, its own extension).
    package func testPredictions(of model: ModelName, options: CallOptions = .init()) async throws -> TestPredictions {
        try await extensionCall(name: model, verb: "testPredictions", as: TestPredictions.self, options: options)
    }

    /// The training log of a resource named below the endpoint's `/v1/` (an operation, a training pipeline).
    func trainingLog(of name: some CustomStringConvertible, options: CallOptions) async throws -> TrainingLog {
        try await extensionCall(name: name, verb: "trainingLog", as: TrainingLog.self, options: options)
    }

    /// `GET NAME:VERB` of one of the local backend's extensions, read as plain JSON.
    func extensionCall<Answer: Decodable>(
        name: some CustomStringConvertible, verb: String, as type: Answer.Type, options: CallOptions
    ) async throws -> Answer {
        let call = RESTCall(method: "GET", path: "\(name):\(verb)", idempotent: true, routing: "name=\(name)")
        let response = try await send(call, options: options)
        do {
            return try JSONDecoder().decode(Answer.self, from: response.body)
        } catch {
            throw TransportError(
                .malformedResponse, "the answer to GET \(redactedURL(url(for: call))) cannot be read: \(error)")
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

    /// The local backend's test predictions of a model (`GET NAME:testPredictions`, its own extension).
    package func testPredictions(of model: VertexModelName, options: CallOptions = .init()) async throws
        -> TestPredictions
    {
        try await engine.extensionCall(name: model, verb: "testPredictions", as: TestPredictions.self, options: options)
    }
}
