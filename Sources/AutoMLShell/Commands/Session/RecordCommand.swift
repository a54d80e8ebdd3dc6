import ArgumentParser

/// `record FILE` starts writing a transcript; `record stop` ends it.
struct RecordCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: "Write the session's commands to a transcript (`record stop` ends it).",
        discussion: "Replay a transcript with `automl -f FILE` or `automl < FILE` against a fresh backend; IDs of the "
            + "current dataset, model and operation are written as $dataset, $model and $operation.")

    @Argument(help: "The transcript file, or stop.") var file: String

    func run(in session: ShellSession) async throws {
        if file == "stop" {
            guard let recorder = session.recorder else { throw ShellError("not recording") }
            recorder.close()
            session.recorder = nil
            session.note("transcript written to \(recorder.path)")
            return
        }
        session.recorder?.close()
        session.recorder = try TranscriptRecorder(path: file)
        session.note("recording to \(file) (`record stop` ends it)")
    }
}
