internal import AutoMLWorkerProtocol
import Foundation

/// The files of a trained model in its folder: `model.json` (a ``ModelDescription``) and the weights.
enum ModelFolder {
    static let descriptionFile = "model.json"
    static let weightsFile = "weights.pt"

    static func readDescription(in folder: String) throws -> ModelDescription {
        let url = URL(fileURLWithPath: folder).appendingPathComponent(descriptionFile)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TorchError(description: "the model folder has no \(descriptionFile)")
        }
        return try JSONDecoder().decode(ModelDescription.self, from: data)
    }

    static func weights(in folder: String, description: ModelDescription) -> URL {
        URL(fileURLWithPath: folder).appendingPathComponent(description.weightsFile)
    }

    static func write(_ description: ModelDescription, to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(description).write(to: folder.appendingPathComponent(descriptionFile), options: .atomic)
    }
}
