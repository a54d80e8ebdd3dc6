import AutoMLClient
import AutoMLShell
import Foundation

/// The local server of this user's data folder, as `automl` starts and reaches it: `automl-emulator --service` beside
/// this binary (or `AUTOML_EMULATOR`), on `$XDG_DATA_HOME/automl/local`, with the settings the environment gives:
/// - `AUTOML_SERVER_IDLE_STOP`: how long it waits with no request and no running operation before it stops (15m);
/// - `AUTOML_IMPORT_PATHS`: folders (`:`-separated) whose files imports may name by local path (none);
/// - `AUTOML_NODE_HOUR_SECONDS`: seconds of one node hour (5);
/// - `AUTOML_TRAINER_THREADS`: CPU threads each training uses (2).
/// They apply when this command starts the server; a running server keeps those it started with.
struct LocalServerSetup: Sendable {
    let dataDirectory: URL
    let environment: EnvironmentVariables
    /// How requests reach the server: HTTP/1.1 over a loopback socket, without AsyncHTTPClient's start-up.
    let transport = LoopbackHTTPTransport()

    init(environment: EnvironmentVariables) {
        dataDirectory = URL(fileURLWithPath: ShellPaths(environment: environment).localBackend)
        self.environment = environment
    }

    var launcher: LocalServerLauncher {
        var arguments = [
            "--idle-stop", environment.values["AUTOML_SERVER_IDLE_STOP"].flatMap { $0.isEmpty ? nil : $0 } ?? "15m",
        ]
        if let seconds = environment.values["AUTOML_NODE_HOUR_SECONDS"], !seconds.isEmpty {
            arguments += ["--node-hour-seconds", seconds]
        }
        if let threads = environment.values["AUTOML_TRAINER_THREADS"], !threads.isEmpty {
            arguments += ["--trainer-threads", threads]
        }
        for folder in (environment.values["AUTOML_IMPORT_PATHS"] ?? "").split(separator: ":") where !folder.isEmpty {
            arguments += ["--allow-path", String(folder)]
        }
        // The server makes its own token; tokens meant for a server run by hand stay out of it.
        var serverEnvironment = environment.values
        serverEnvironment["AUTOML_EMULATOR_TOKENS"] = nil
        let environment = environment
        let transport = transport
        return LocalServerLauncher(
            dataDirectory: dataDirectory,
            executable: {
                try SiblingExecutable.locate("automl-emulator", override: "AUTOML_EMULATOR", in: environment)
            },
            arguments: arguments, environment: serverEnvironment,
            probe: { address in await Self.status(of: address, transport: transport) != nil })
    }

    var state: LocalServerState { LocalServerState.read(dataDirectory: dataDirectory) }

    /// The server's own status (`GET /_automl/server`); nil when it does not answer with this token.
    static func status(of address: LocalServerAddress, transport: any HTTPTransport) async -> JSONObject? {
        let request = HTTPRequest(
            method: "GET", url: address.url + "/_automl/server",
            headers: [("Authorization", "Bearer \(address.token)")])
        guard let response = try? await transport.send(request, timeout: .seconds(2)), response.status == 200,
            case .object(let object)? = try? JSONValue(parsing: response.body)
        else { return nil }
        return object
    }
}

/// Finds a program installed beside this one: `$OVERRIDE` when set, else next to the running binary (where
/// `swift build` and `make install` put it), else on `PATH`.
enum SiblingExecutable {
    static func locate(_ name: String, override: String, in environment: EnvironmentVariables) throws -> URL {
        let files = FileManager.default
        if let explicit = environment.values[override], !explicit.isEmpty {
            guard files.isExecutableFile(atPath: explicit) else {
                throw ShellFacingError("\(override)=\(explicit) is not an executable file")
            }
            return URL(fileURLWithPath: explicit)
        }
        let running = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let sibling = running.deletingLastPathComponent().appendingPathComponent(name)
        if files.isExecutableFile(atPath: sibling.path) { return sibling }
        for folder in (environment.values["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if files.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw ShellFacingError(
            "\(name) was not found beside \(running.path) or on PATH: build it with `swift build` "
                + "or install it with `make install`")
    }
}

/// An error whose text is the whole message.
struct ShellFacingError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
