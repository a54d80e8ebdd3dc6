internal import AutoMLWorkerProtocol
import Foundation

/// `automl-trainer serve MODEL_DIR`: keeps one trained model loaded and answers prediction requests,
/// one JSON line in, one JSON line out, until stdin closes. The local backend keeps one such process
/// per deployed model, so a prediction costs a decode and a forward pass, not a model load.
struct ServeCommand {
    let modelDirectory: String
    let threads: Int

    func run() -> Int32 {
        let events = EventWriter()
        let predictor: Predictor
        do {
            TorchRuntime.configure(threads: threads)
            predictor = try Predictor(folder: modelDirectory)
        } catch {
            events.write(PredictionReply(id: 0, error: "cannot load the model: \(error)"))
            return 1
        }
        let decoder = JSONDecoder()
        while let line = readLine(strippingNewline: true) {
            guard !line.isEmpty else { continue }
            guard let request = try? decoder.decode(PredictionRequest.self, from: Data(line.utf8)) else {
                events.write(PredictionReply(id: -1, error: "not a prediction request"))
                continue
            }
            events.write(predictor.answer(request))
        }
        return 0
    }
}

/// A loaded model and how to feed it.
struct Predictor {
    let description: ModelDescription
    private let classifier: TorchClassifier?
    private let detector: TorchDetector?

    init(folder: String) throws {
        description = try ModelFolder.readDescription(in: folder)
        let weights = ModelFolder.weights(in: folder, description: description)
        switch description.task {
        case .classification:
            classifier = try TorchClassifier(contentsOf: weights)
            detector = nil
        case .detection:
            detector = try TorchDetector(contentsOf: weights)
            classifier = nil
        }
    }

    func answer(_ request: PredictionRequest) -> PredictionReply {
        let decoder = ImageDecoder(size: description.inputSize)
        let decoded: Result<[UInt8], DecodeFailure>
        if let base64 = request.imageBase64 {
            guard let bytes = Data(base64Encoded: base64) else {
                return PredictionReply(id: request.id, error: "imageBytes is not valid base64")
            }
            decoded = decoder.decode(bytes: bytes)
        } else if let path = request.imagePath {
            decoded = decoder.decode(file: path)
        } else {
            return PredictionReply(id: request.id, error: "the request has no image")
        }
        do {
            let pixels = try decoded.get()
            if let classifier {
                return PredictionReply(
                    id: request.id,
                    scores: try classifier.predict(
                        pixels: pixels, size: description.inputSize, labelCount: description.labels.count))
            }
            if let detector {
                return PredictionReply(
                    id: request.id,
                    boxes: try detector.predict(
                        pixels: pixels, size: description.inputSize, scoreThreshold: request.scoreThreshold,
                        maxBoxes: request.maxBoxes))
            }
            return PredictionReply(id: request.id, error: "the model has no predictor")
        } catch {
            return PredictionReply(id: request.id, error: String(describing: error))
        }
    }

    /// Writes a TorchScript file of the model and its description to `folder`.
    func export(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("model.pt")
        if let classifier { try classifier.exportTorchScript(to: file) }
        if let detector { try detector.exportTorchScript(to: file) }
        var exported = description
        exported.weightsFile = "model.pt"
        try ModelFolder.write(exported, to: folder)
    }
}
