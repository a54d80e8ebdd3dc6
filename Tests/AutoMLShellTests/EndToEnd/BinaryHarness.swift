import AutoMLClient
import AutoMLTestSupport
import Foundation

/// The built `automl` run as a process with its own XDG folders, so nothing touches the real home. The local server
/// its commands start (in the background, on the harness's data folder) is stopped when the harness goes away, and
/// stops by itself after two idle minutes should a test crash first.
final class BinaryHarness: Sendable {
    let home: URL
    /// The settings of the local server the harness's commands start.
    private let serverSettings: [String: String]

    /// - Parameters:
    ///   - nodeHourSeconds: The local server's node hour (`AUTOML_NODE_HOUR_SECONDS`), when not the default 5 s.
    ///   - idleStop: Its idle stop (`AUTOML_SERVER_IDLE_STOP`); two minutes unless given.
    ///   - trainerThreads: The CPU threads of each training (`AUTOML_TRAINER_THREADS`), when not the default 2.
    init(nodeHourSeconds: Double? = nil, idleStop: String = "120s", trainerThreads: Int? = nil) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("automl-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var settings = ["AUTOML_SERVER_IDLE_STOP": idleStop]
        if let nodeHourSeconds { settings["AUTOML_NODE_HOUR_SECONDS"] = String(nodeHourSeconds) }
        if let trainerThreads { settings["AUTOML_TRAINER_THREADS"] = String(trainerThreads) }
        serverSettings = settings
    }

    deinit {
        stopServer()
    }

    /// Stops the harness's local server, if one runs (`automl emulator stop`).
    func stopServer() {
        _ = try? run(["emulator", "stop"])
    }

    var environment: [String: String] {
        [
            "HOME": home.path, "XDG_CONFIG_HOME": home.path + "/config", "XDG_STATE_HOME": home.path + "/state",
            "XDG_CACHE_HOME": home.path + "/cache", "XDG_DATA_HOME": home.path + "/data",
            "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm-256color",
            // No pager unless a test asks for one: a long result would wait in less for a q no test types.
            "PAGER": "",
        ].merging(serverSettings) { $1 }
    }

    /// The local server's data folder.
    var dataDirectory: URL { home.appendingPathComponent("data/automl/local") }

    /// The local server's `gs://` folder.
    var gcsRoot: URL { dataDirectory.appendingPathComponent("gcs") }

    /// Runs `automl ARGUMENTS` with `input` on standard input and `extra` added to the environment; returns
    /// (status, stdout, stderr).
    func run(_ arguments: [String], input: String = "", environment extra: [String: String] = [:]) throws
        -> (status: Int32, out: String, err: String)
    {
        let process = Process()
        process.executableURL = try builtAutomlBinary()
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let errors = ReadInBackground(stderr.fileHandleForReading)
        let out = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, out, errors.text())
    }
}

extension BinaryHarness {
    /// The saved session's defaults and the current resources of their scope, as a run with no flags starts:
    /// `project dataset model format`, `-` for what is not set. The format is read from the session file, since
    /// `context` shows the run's own.
    func savedContext() throws -> String {
        let result = try run(["context", "--format", "json"])
        guard result.status == 0, case .object(let fields)? = try? JSONValue(parsing: Data(result.out.utf8)) else {
            return "error: \(result.err)"
        }
        let file = home.appendingPathComponent("config/automl/session.json")
        let saved = (try? Data(contentsOf: file)).flatMap { try? JSONValue(parsing: $0) }
        var values = fields
        if case .object(let session)? = saved { values["format"] = session["format"] } else { values["format"] = nil }
        return ["project", "dataset", "model", "format"].map { key in
            if case .string(let text)? = values[key] { return text }
            return "-"
        }.joined(separator: " ")
    }

    /// Writes a file under the harness's home; returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = home.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

/// Drains a pipe on another thread, so a full pipe never blocks the child.
final class ReadInBackground: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        DispatchQueue.global().async { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
