public import AutoMLClient
import Foundation

/// The state of one shell: the session context, the client for its endpoint, the last result, and where
/// output goes. Commands get it as a parameter and never reach for globals.
public final class ShellSession {
    public private(set) var context: SessionContext
    public let output: ShellOutput
    let backends: BackendFactory
    let store: SessionStore?
    private var clientCache: (endpoint: String?, client: AutoMLClient)?
    /// The last result printed, for `$last` paths.
    public internal(set) var lastResult: JSONValue?
    /// Where `record` writes, when recording.
    var recorder: TranscriptRecorder?
    /// The lines entered so far in this session, for `history`.
    var history: [String] = []
    /// Set by `exit`.
    var exitRequested = false
    /// The runner running this session's lines (for `source`).
    weak var runner: ShellRunner?
    /// Whether Ctrl-C was pressed since the current command started (checked by `watch`).
    let interrupted: @Sendable () -> Bool
    /// Whether the shell is reading from a person at a terminal.
    public let interactive: Bool
    /// IDs and display names for Tab completion, for the context's endpoint, project and location.
    public let cache: ResourceCache?

    public init(context: SessionContext, output: ShellOutput, backends: BackendFactory, store: SessionStore?,
                cache: ResourceCache?, interactive: Bool, interrupted: (@Sendable () -> Bool)? = nil) {
        self.context = context
        self.output = output
        self.backends = backends
        self.store = store
        self.cache = cache
        self.interactive = interactive
        self.interrupted = interrupted ?? { CommandInterrupt.consume() }
    }

    /// Changes the context and saves it; the completion cache follows the endpoint, project and location.
    func update(_ change: (inout SessionContext) -> Void) {
        let before = context
        change(&context)
        guard context != before else { return }
        store?.save(context)
        let scope = ResourceScope(context: context)
        if scope != ResourceScope(context: before), let cache {
            cache.switchScope(to: scope)
            if interactive { cache.loadInBackground() }
        }
    }

    /// The client for the current endpoint, made once per endpoint.
    func client() async throws -> AutoMLClient {
        if let cached = clientCache, cached.endpoint == context.endpoint { return cached.client }
        let client = try await backends.makeClient(context.endpoint)
        clientCache = (context.endpoint, client)
        return client
    }

    /// The project and location of the context; the embedded backend works without a project.
    func location() throws -> LocationName {
        guard let project = context.project ?? (context.endpoint == nil ? SessionContext.localProject : nil) else {
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
        let text = Renderer.render(value, format: context.format, colors: output.colors, width: output.width)
        if text.isEmpty { return }
        output.standardOutput(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// A message for the person (not a result): standard error, so pipes of results stay clean.
    func note(_ text: String) {
        output.standardError(text + "\n")
    }
}
