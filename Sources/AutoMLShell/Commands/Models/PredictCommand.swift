import ArgumentParser
import AutoMLClient
import Foundation

/// `predict FILE... [--threshold 0.5]`: online prediction with a deployed model.
struct PredictCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict", abstract: "Predict labels or boxes for image files.")
    @Argument(help: "Image files (JPEG or PNG).") var file: [String]
    @Option(help: "The model (the current one by default).") var model: String?
    @Option(help: "Only results scoring at least this, 0–1.") var threshold: Double?
    @Option(name: .customLong("max-boxes"), help: "At most this many boxes (object detection).") var maxBoxes: Int?

    func validate() throws {
        guard !file.isEmpty else { throw ValidationError("name at least one image file") }
        if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must be 0–1") }
    }

    func run(in session: ShellSession) async throws {
        let name = try await session.model(model)
        let backend = try await session.backend()
        for path in file {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ShellError("cannot read \(path)")
            }
            let response = try await backend.predict(name, image: data, threshold: threshold, maxBoxes: maxBoxes)
            if file.count > 1 { session.note("\(path):") }
            session.emit(response)
        }
    }
}
