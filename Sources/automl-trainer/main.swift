import Foundation

/// `automl-trainer`: the local backend's training worker. It links libtorch, which `automl` does not,
/// and is started by the backend for each training operation and for each deployed model.
///
///   automl-trainer train JOB.json              JSON-lines progress, then a result, on stdout
///   automl-trainer serve MODEL_DIR [THREADS]   predictions: a JSON request per line in, a reply per line out
///   automl-trainer export MODEL_DIR OUT_DIR    TorchScript model.pt and model.json into OUT_DIR
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = "usage: automl-trainer train JOB.json | serve MODEL_DIR [THREADS] | export MODEL_DIR OUT_DIR\n"
let status: Int32
switch (arguments.first, arguments.count) {
case ("train", 2):
    status = TrainCommand(jobPath: arguments[1]).run()
case ("serve", 2), ("serve", 3):
    status = ServeCommand(modelDirectory: arguments[1], threads: arguments.count == 3 ? Int(arguments[2]) ?? 1 : 1)
        .run()
case ("export", 3):
    do {
        TorchRuntime.configure(threads: 1)
        try Predictor(folder: arguments[1]).export(to: URL(fileURLWithPath: arguments[2]))
        status = 0
    } catch {
        FileHandle.standardError.write(Data("automl-trainer: export failed: \(error)\n".utf8))
        status = 1
    }
default:
    FileHandle.standardError.write(Data(usage.utf8))
    status = 2
}
exit(status)
