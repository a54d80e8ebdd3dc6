import Foundation

/// `help vertex`: how the shell's commands map onto Vertex AI (docs/vertex.md has the same table with the v1 column).
enum VertexHelp {
    /// Each row: the shell's words, then what they do on Vertex AI.
    static let rows: [(command: String, vertex: String)] = [
        ("use endpoint vertex", "Google's host for the location (LOCATION-aiplatform.googleapis.com)"),
        ("use endpoint vertex:local", "the local server's Vertex AI surface"),
        ("use endpoint vertex:URL", "a Vertex-compatible server (http://127.0.0.1:PORT/vertex)"),
        ("datasets", "ListDatasets"),
        ("dataset create N --type T", "CreateDataset; the type is kept as the dataset label automl-shell-type"),
        ("dataset import SOURCE", "ImportData with the type's import schema; local files staged as JSON Lines"),
        ("dataset export PREFIX", "ExportData (JSON Lines)"),
        ("dataset delete", "DeleteDataset"),
        ("labels", "counts an export's JSON Lines by label and ml_use"),
        (
            "train --budget 24",
            "CreateTrainingPipeline, budgetMilliNodeHours 24000, the import's splits; its model becomes current when "
                + "it succeeds"
        ),
        ("watch", "follows the pipeline (percent = cost / budget) or the operation, with the same progress line"),
        ("resume", "a pipeline with baseModelId (uptrainBaseModelId for detection) from the current model"),
        ("operations", "ListTrainingPipelines, then ListOperations"),
        ("operation get|cancel", "GetTrainingPipeline / CancelTrainingPipeline, or the operation's own"),
        ("operation delete", "DeleteOperation; a training pipeline is a resource and is left"),
        ("models [--dataset D]", "ListModels (a dataset's: the models its pipelines made)"),
        ("model get|delete", "GetModel, DeleteModel"),
        (
            "model deploy --nodes N",
            "an endpoint named after the model (created when it has none), DeployModel with N replicas"
        ),
        ("model undeploy", "UndeployModel from the model's endpoint"),
        ("model export PREFIX", "ExportModel; --model-format tf_saved_model is exportFormatId tf-saved-model"),
        ("evaluations", "ListModelEvaluations and their slices (the overall one, then one per label)"),
        ("evaluation get E", "GetModelEvaluation, or GetModelEvaluationSlice"),
        ("predict FILE", "Predict through the model's endpoint"),
        ("batch-predict", "not available: Vertex AI uses batch prediction jobs, which the shell does not speak"),
    ]

    /// The text for a terminal `width` columns wide: the Vertex AI column wraps at words.
    static func text(width: Int) -> String {
        let commandWidth = (rows.map(\.command.count).max() ?? 0) + 4
        let room = max(30, width - commandWidth - 1)
        let table = rows.flatMap { row in
            wrap(row.vertex, width: room).enumerated().map { index, line in
                (index == 0 ? "  " + row.command : "").padding(toLength: commandWidth, withPad: " ", startingAt: 0)
                    + line
            }
        }
        let intro = wrap(
            "The same commands drive Vertex AI. On it IDs are numbers; Tab completes them with their display names. "
                + "Operations are named by their path below the location, as `operations` lists them "
                + "(trainingPipelines/ID, datasets/ID/operations/ID); `$operation_…` variables and transcripts work as "
                + "on the AutoML API v1.", width: max(40, width - 1))
        return (intro + [""] + table + ["", "More, with the AutoML API v1 column: docs/vertex.md."])
            .joined(separator: "\n")
    }

    private static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        return lines + [line]
    }
}
