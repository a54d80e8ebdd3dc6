import ArgumentParser
import AutoMLClient

/// `model export [M] GCS_PREFIX [--format F]`.
struct ModelExportCommand: StartsOperation {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a mobile model under a gs:// prefix.")
    @Option(help: "The model (the current one by default).") var model: String?
    @Argument(help: "A gs:// folder to write to.") var destination: String
    @Option(
        name: .customLong("model-format"),
        help: "tflite, tf_saved_model, core_ml, …; the local backend writes torchscript.")
    var modelFormat: String?
    @Option(help: "Wait until the export is done, then download what it wrote into this folder.") var download: String?

    func run(in session: ShellSession) async throws {
        let name = try await session.model(model)
        let operation = try await session.backend().exportModel(name, to: destination, format: modelFormat)
        session.remember(folders: [destination])
        await session.started(operation, what: "export of \(name.model)", on: .model(name))
        if let download {
            try await session.downloadWhenDone(operation, requested: destination, into: download)
        }
    }
}
