import ArgumentParser
import AutoMLClient

/// `record FILE` starts writing a transcript; `record stop` ends it.
struct RecordCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: "Write the commands that follow to a transcript (`record stop` ends it).",
        discussion: """
            Each command is written after it has run, as the shell read it, so that `automl -f FILE` replays the \
            session on another backend (`automl --endpoint URL -f FILE`), where the IDs differ: the IDs of what the \
            session makes are written as the variables bound where it is made ($dataset_flowers after `dataset \
            create flowers`; docs/shell.md lists them), those of resources that existed before by display \
            name when it is unique, otherwise as they are with a comment. A preamble pins the project, the location \
            and the current dataset and model. A command that failed is written as a comment. An existing FILE is \
            kept unless --replace is given.
            """)

    @Argument(help: "The transcript file, or stop.") var file: String
    @Flag(help: "Replace FILE if it exists.") var replace = false

    func run(in session: ShellSession) async throws {
        if file == "stop" {
            guard session.recorder != nil else { throw ShellError("not recording") }
            session.stopRecording()
            return
        }
        if let current = session.recorder {
            throw ShellError("already recording to \(current.path)", hint: "`record stop` ends it first")
        }
        let names = TranscriptNames(catalog: await session.knownResources())
        let recorder = try TranscriptRecorder(path: file, replace: replace, names: names)
        recorder.writePreamble(
            context: session.context,
            endpoint: session.context.endpoint ?? "the local server")
        session.recorder = recorder
        session.note("recording to \(file) (`record stop` ends it)")
    }
}

extension ShellSession {
    /// Ends the recording, if any (`record stop`, `exit`, the end of input), and says where it went.
    func stopRecording() {
        guard let recorder else { return }
        recorder.close()
        self.recorder = nil
        note("transcript written to \(recorder.path)")
    }

    /// The datasets and models of the location as listed now (the cache when listing fails, which is noted), with
    /// the operations and evaluations the cache knows: what a transcript names existing resources by.
    func knownResources() async -> ResourceCatalog {
        if let cache, !cache.isLoaded, let warning = cache.load() { note("warning: \(warning)") }
        var catalog = cache?.snapshot ?? ResourceCatalog()
        do {
            let backend = try await backend()
            let location = try location()
            for kind in [ResourceKind.dataset, .model] {
                let entries = try await backend.entries(of: kind, in: location)
                store(kind, entries, complete: true)
                catalog.replace(kind, with: entries, fetchedAt: nil)
            }
        } catch {
            note(
                "warning: could not list the datasets and models (\(ErrorReport.oneLine(error, session: self))); IDs of those the "
                    + "shell has not seen are written as they are")
        }
        return catalog
    }
}
