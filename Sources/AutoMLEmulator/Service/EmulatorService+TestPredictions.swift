import AutoMLWire
import Foundation

/// The local backend's extension for looking at what a model got wrong: `GET …/models/M:testPredictions` (v1 and
/// Vertex AI) answers the scores of each TEST image of its training (docs/emulator.md, "Test predictions").
extension EmulatorService {
    func testPredictions(ofModel id: String, in parent: Parent) async throws -> TestPredictionsResponse {
        guard let model = try await store.model(id, in: parent) else {
            throw ServiceError.notFound("Model", "\(parent)/models/\(id)")
        }
        return try Self.testPredictions(artifactPath: model.artifactPath, model: "\(parent)/models/\(id)")
    }

    /// The predictions kept beside a model's weights.
    static func testPredictions(artifactPath: String?, model: String) throws -> TestPredictionsResponse {
        let file = artifactPath.map { URL(fileURLWithPath: $0).appendingPathComponent(TestPredictions.fileName) }
        guard let file, let data = FileManager.default.contents(atPath: file.path) else {
            throw ServiceError.failedPrecondition(
                "model \(model) has no test predictions: they are kept for image classification models trained by "
                    + "this version of the local backend on a dataset with TEST images.")
        }
        return TestPredictionsResponse(predictions: try JSONDecoder().decode(TestPredictions.self, from: data))
    }
}

extension VertexService {
    func testPredictions(ofModel id: String, in parent: VertexParent) async throws -> TestPredictionsResponse {
        guard let model = try await store.vertexModel(id, in: parent.parent) else {
            throw Self.notFound("Model", parent.name("models", id))
        }
        return try EmulatorService.testPredictions(artifactPath: model.artifactPath, model: parent.name("models", id))
    }
}

/// ``TestPredictions`` as an answer (plain JSON).
struct TestPredictionsResponse: ProtoMessage, StoredJSONResponse {
    static let protoMessageName = "automl.local.TestPredictions"
    static var protoFields: [ProtoField<Self>] { [] }
    var predictions = TestPredictions(labels: [], multiLabel: false, images: [])
    var unknownFields: JSONObject = [:]
    init() {}
    init(predictions: TestPredictions) { self.predictions = predictions }

    func body(options: ProtoJSONOptions) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(predictions)
    }
}
