package import AutoMLClient
import Foundation

/// The state of one shell: the session context, the client for its endpoint, the last result, and where
/// output goes. Commands get it as a parameter and never reach for globals.
package final class ShellSession {
    /// The context commands run in: the saved session with this run's flags and environment on top, and what the
    /// commands of this run changed.
    package internal(set) var context: SessionContext
    /// The saved session as this run knows it: what a move to another scope restores, and what saving changes.
    var saved: SavedSession
    /// Whether this run saves what it changes in the context (the interactive shell, a one-shot `use`, `set` or
    /// `unset`); scripts never do. See docs/shell.md, "What is saved".
    package let persists: Bool
    /// The flags and environment this run started with, for messages about what stays unsaved.
    let overrides: ContextOverrides
    package let output: ShellOutput
    let backends: BackendFactory
    let store: SessionStore?
    var connectionCache: (key: BackendKey, client: AutoMLClient, backend: any ShellBackend)?
    /// The last result printed, for `$last` paths.
    package internal(set) var lastResult: JSONValue?
    /// Where `record` writes, when recording.
    var recorder: TranscriptRecorder?
    /// The lines entered so far in this session, for `history`.
    var history: [String] = []
    /// Set by `exit`.
    var exitRequested = false
    /// The runner running this session's lines (for `source`).
    weak var runner: ShellRunner?
    /// How many `source` commands are running inside each other.
    var sourceDepth = 0
    /// Whether each command of a script is printed before it runs (`-x`, `set echo on`).
    var echo = false
    /// IDs bound to names by the commands that made them (`$dataset_flowers`), and the bindings the running
    /// command made, for the transcript.
    var variables = ShellVariables()
    /// Whether this run is one command given on `automl`'s command line.
    var oneShot = false
    /// Whether commands are echoed now: with `-x` or `set echo on`, in a script, or in a file sourced in the shell
    /// (never the lines a person types).
    var echoes: Bool { echo && (!interactive || sourceDepth > 0) }
    /// Words the running command chose that a replay must give explicitly to make the same thing (`--name
    /// flowers_20261204_1707` for a training named by the clock); appended to the command in a transcript.
    var replayWords: [String] = []
    /// The format the running command's own `--format` chose, if it did (a view drawn on a terminal gives way to it).
    var commandFormat: OutputFormat?
    /// Whether the note about saving outside the default scope was shown.
    var toldAboutScopedSave = false
    /// Whether Ctrl-C was pressed since the current command started (checked by `watch`).
    let interrupted: @Sendable () -> Bool
    /// Asks a person a yes/no question (`delete …? [y/N]`) and says whether the answer was yes; nil when no one can
    /// answer (a script). Set by the interactive loop and by one-shot commands on a terminal.
    var confirmer: ((String) -> Bool)?
    /// Whether the shell is reading from a person at a terminal.
    package let interactive: Bool
    /// IDs and display names for Tab completion, for the context's endpoint, project and location.
    package let cache: ResourceCache?
    /// `set pager on|off`, for the run.
    var pagerOn = true
    /// Operations started here and not watched to the end, for the notice at the next prompt.
    let finishNotices = FinishNotices()

    /// - Parameters:
    ///   - saved: The saved session the run starts from (empty when there is none).
    ///   - overrides: The run's flags and environment; the context starts as `saved` with them on top.
    ///   - persists: Whether changes to the context are saved to `store`.
    package init(
        saved: SavedSession, overrides: ContextOverrides = ContextOverrides(), persists: Bool,
        output: ShellOutput, backends: BackendFactory, store: SessionStore?, cache: ResourceCache?,
        interactive: Bool, interrupted: (@Sendable () -> Bool)? = nil
    ) {
        self.saved = saved
        self.overrides = overrides
        self.context = overrides.startingContext(from: saved)
        self.persists = persists
        self.output = output
        self.backends = backends
        self.store = store
        self.cache = cache
        self.interactive = interactive
        self.interrupted = interrupted ?? { CommandInterrupt.consume() }
    }

    /// The local server's state when the context's endpoint is the local server; nil otherwise.
    var localServerState: LocalServerState? {
        context.endpointValue.isLocalServer ? backends.localServerState?() : nil
    }

    /// The project and location of the context; the local server works without a project.
    func location() throws -> LocationName {
        guard let project = context.project ?? context.endpointValue.defaultProject else {
            throw ShellError("no project is set", hint: "choose one with `use project PROJECT_ID` or --project")
        }
        return try LocationName(project: project, location: context.location)
    }

    /// Prints a result in the current format and keeps it for `$last`.
    func emit(_ message: some ProtoMessage) {
        emit(message.protoJSON(options: .canonical))
    }

    func emit(_ value: JSONValue) {
        lastResult = value
        let text = Renderer.render(value, format: context.format, colors: output.colors, width: output.resultWidth)
        if text.isEmpty { return }
        show(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Writes a result or a view to standard output, through the pager when it is long and standard output is a
    /// terminal (`set pager off` turns that off for the run).
    func show(_ text: String) {
        if pages, let pager = output.pager, pager(text) { return }
        output.standardOutput(text)
    }

    /// Whether results may go through the pager.
    var pages: Bool { pagerOn && output.pager != nil }

    /// Whether a result with a view of its own (`labels`) is drawn as that view: on a terminal, with the json format,
    /// unless `--format` chose a format for the run or the command.
    var drawsViews: Bool {
        output.interactive && context.format == .json && commandFormat == nil && overrides.format == nil
    }

    /// A message for the person (not a result): standard error, so pipes of results stay clean.
    func note(_ text: String) {
        output.standardError(text + "\n")
    }
}
