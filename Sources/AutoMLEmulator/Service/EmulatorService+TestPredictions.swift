import AutoMLWire
import Foundation

/// The local backend's extension for looking at what a model got wrong: `GET …/models/M:testPredictions` (v1 and
/// Vertex AI) answers the scores of each TEST image of its training (docs/emulator.md, "Test predictions").
extension EmulatorService {
    func testPredictions(ofModel id: String, in parent: Parent) async throws -> PlainJSONResponse<TestPredictions> {
        guard let model = try await store.model(id, in: parent) else {
            throw ServiceError.notFound("Model", "\(parent)/models/\(id)")
        }
        return try Self.testPredictions(artifactPath: model.artifactPath, model: "\(parent)/models/\(id)")
    }

    /// The predictions kept beside a model's weights.
    static func testPredictions(artifactPath: String?, model: String) throws -> PlainJSONResponse<TestPredictions> {
        let file = artifactPath.map { URL(fileURLWithPath: $0).appendingPathComponent(TestPredictions.fileName) }
        guard let file, let data = FileManager.default.contents(atPath: file.path) else {
            throw ServiceError.failedPrecondition(
                "model \(model) has no test predictions: they are kept for image classification models trained by "
                    + "this version of the local backend on a dataset with TEST images.")
        }
        return PlainJSONResponse(try JSONDecoder().decode(TestPredictions.self, from: data))
    }
}

extension VertexService {
    func testPredictions(ofModel id: String, in parent: VertexParent) async throws -> PlainJSONResponse<TestPredictions>
    {
        guard let model = try await store.vertexModel(id, in: parent.parent) else {
            throw Self.notFound("Model", parent.name("models", id))
        }
        return try EmulatorService.testPredictions(artifactPath: model.artifactPath, model: parent.name("models", id))
    }
}
