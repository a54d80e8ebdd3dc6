import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation
import Synchronization

@testable import AutoMLShell

/// A shell session on an in-process local backend, with its output captured, for tests of commands.
final class ShellHarness: Sendable {
    let directory: URL
    let emulator: Emulator
    private let captured = Mutex<(out: String, err: String)>(("", ""))

    init(nodeHourSeconds: Double = 0.01, trainer: ClockBudgetTrainer = ClockBudgetTrainer()) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("automl-shell-\(UUID().uuidString)")
        let configuration = EmulatorConfiguration(
            dataDirectory: directory.appendingPathComponent("data"),
            nodeHour: .milliseconds(Int64(nodeHourSeconds * 1000)),
            deployDuration: .milliseconds(10))
        emulator = try await Emulator.start(configuration: configuration, trainer: trainer)
    }

    var gcsRoot: URL { emulator.configuration.gcsRoot }
    var standardOutput: String { captured.withLock { $0.out } }
    var standardError: String { captured.withLock { $0.err } }

    func clearOutput() { captured.withLock { $0 = ("", "") } }

    /// A new session (as a new `automl` process would start) over the same backend and files.
    /// - Parameters:
    ///   - persists: Whether the session saves its context (as the interactive shell does).
    ///   - terminal: Whether the output is a terminal 100 columns wide (live lines and views), colourless.
    func session(
        interactive: Bool = false, context: SessionContext? = nil, cache: ResourceCache? = nil,
        persists: Bool = true, terminal: Bool = false
    ) -> ShellSession {
        let output = ShellOutput(
            standardOutput: { [self] text in captured.withLock { $0.out += text } },
            standardError: { [self] text in captured.withLock { $0.err += text } }, interactive: terminal,
            width: 100)
        let emulator = emulator
        let backends = BackendFactory(localGCSRoot: gcsRoot.path, localDataDirectory: directory.path) { endpoint in
            guard endpoint == nil else { throw ShellError("only the local server in these tests") }
            return AutoMLClient(
                configuration: .init(endpoint: "http://embedded.local", retry: .disabled),
                transport: EmulatorTransport(emulator: emulator))
        }
        let store = SessionStore(path: sessionFile) { _ in }
        let saved = context.map(SavedSession.init(context:)) ?? store.load() ?? SavedSession()
        return ShellSession(
            saved: saved, persists: persists, output: output, backends: backends, store: store,
            cache: cache, interactive: interactive, interrupted: { false })
    }

    /// A client of the backend's AutoML API v1, and of its Vertex AI surface, to look at what commands did.
    var client: AutoMLClient {
        AutoMLClient(
            configuration: .init(endpoint: "http://embedded.local", retry: .disabled),
            transport: EmulatorTransport(emulator: emulator))
    }

    var vertex: VertexClient { VertexClient(sharing: client, endpoint: "http://embedded.local/vertex") }

    /// The location sessions use by default.
    var location: LocationName { LocationName(validatedSegments: ["local", "us-central1"]) }

    var sessionFile: String { directory.appendingPathComponent("config/session.json").path }

    /// Runs lines as a piped transcript does; returns the exit status.
    @discardableResult
    func run(_ text: String, in session: ShellSession) async -> Int32 {
        await ShellRunner().runLoop(reader: ScriptedLineReader(text), session: session)
    }

    /// Runs lines as `-f FILE` does, without ending the session's recording; returns the exit status.
    @discardableResult
    func runText(_ text: String, in session: ShellSession) async -> Int32 {
        await ShellRunner().run(text: text, session: session, source: "test")
    }

    /// Writes a classification dataset's images and CSV under the gcs root; returns the CSV URI.
    func images(labels: [String] = ["daisy", "tulip"], perLabel: Int = 12, csv: String = "import.csv") throws -> String
    {
        try TestImages.classificationDataset(in: gcsRoot, labels: labels, perLabel: perLabel, csvName: csv)
    }
}

/// Feeds lines, then the end of input.
final class ScriptedLineReader: LineReader {
    private var lines: [String]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func readLine(prompt: String) -> LineEvent {
        lines.isEmpty ? .endOfInput : .line(lines.removeFirst())
    }

    func addHistory(_ line: String) {}
}
