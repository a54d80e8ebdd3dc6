import ArgumentParser
import AutoMLClient

/// `batch-predict CSV... --output gs://PREFIX [--model M] [--threshold 0.5] [--max-boxes N]`.
struct BatchPredictCommand: StartsOperation {
    static let configuration = CommandConfiguration(
        commandName: "batch-predict",
        abstract: "Predict every image listed in gs:// CSVs, writing results under a gs:// prefix.",
        discussion:
            "Each CSV lists one gs:// image per line. The operation's batchPredictDetails names the output folder; "
            + "`watch` follows it.")
    @Argument(help: "gs:// CSV files listing the images.") var csv: [String]
    @Option(help: "A gs:// folder to write the results under.") var output: String
    @Option(help: "The model (the current one by default).") var model: String?
    @Option(help: "Only results scoring at least this, 0–1.") var threshold: Double?
    @Option(help: "Wait until the predictions are done, then download them into this folder.") var download: String?
    @Option(name: .customLong("max-boxes"), help: "At most this many boxes per image (object detection).") var maxBoxes:
        Int?

    func validate() throws {
        guard !csv.isEmpty else { throw ValidationError("name at least one gs:// CSV of images") }
        if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must be 0–1") }
        if let maxBoxes, maxBoxes < 1 { throw ValidationError("--max-boxes must be at least 1") }
    }

    func run(in session: ShellSession) async throws {
        let backend = try await session.backend()
        if let unavailable = backend.batchPredictionUnavailable { throw unavailable }
        let name = try await session.model(model)
        let operation = try await backend.batchPredict(
            name, csv: csv, output: output, threshold: threshold, maxBoxes: maxBoxes)
        session.remember(storageFiles: csv, folders: [output])
        await session.started(operation, what: "batch prediction with \(name.model)", on: .model(name))
        if let download {
            try await session.downloadWhenDone(operation, requested: output, into: download)
        }
    }
}
