import ArgumentParser

/// The command table: every command of the shell and the one-shot CLI, defined once.
struct ShellRoot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "automl",
        abstract: "Train image models with the AutoML API v1 or Vertex AI.",
        discussion: """
            Type a command, or `help COMMAND`. Tab completes commands, flags and resource IDs. Every command also \
            takes --endpoint, --project, --location and --format, for itself only. `help vertex` shows how the \
            commands map onto Vertex AI.
            """,
        subcommands: [
            UseCommand.self, ContextCommand.self, UnsetCommand.self,
            DatasetsCommand.self, DatasetCommand.self, LabelsCommand.self,
            TrainCommand.self, WatchCommand.self, ResumeCommand.self,
            OperationsCommand.self, OperationCommand.self,
            ModelsCommand.self, ModelCommand.self, EvaluationsCommand.self, EvaluationCommand.self,
            PredictCommand.self,
            BatchPredictCommand.self, DownloadCommand.self,
            SetCommand.self, HistoryCommand.self, ClearCommand.self, RecordCommand.self, SourceCommand.self,
            ExitCommand.self,
        ])
}
