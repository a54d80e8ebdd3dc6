import ArgumentParser
import AutoMLClient
import AutoMLEmulator
import Dispatch
import Foundation
import Logging
import Synchronization

/// `automl emulator`: the local backend as a server on a loopback port.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run the local backend: an AutoML API v1 server that keeps its data on this machine.",
        discussion: """
            The first line on standard output is exactly `automl emulator listening on http://HOST:PORT`; logs go \
            to standard error. SIGINT or SIGTERM stops it; operations that were running carry on at the next start \
            on the same data directory.

            A node hour is --node-hour-seconds of wall time, so a budget is real time spent: the minimum image \
            classification budget of 8 node hours takes 40 s at the default of 5.

            Fault injection (--faults) takes comma-separated items: latency=50ms, latency-jitter=20ms, \
            unavailable=0.1 (share answered 503), rate-limit=0.05 (share answered 429), retry-after=2s, \
            drop=0.02 (share of connections closed unanswered), train-fail=1 (share of trainings that fail), \
            seed=42, only=GET, path=SUBSTRING. --faults-file reads the same keys from a JSON object.

            Training runs in `automl-trainer`, a worker process next to `automl` (or AUTOML_TRAINER): models             are trained from scratch on your images, on this machine's CPU.
            """,
        subcommands: [DemoDataCommand.self]
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 0

    @Option(name: .customLong("data-dir"), help: "Where the database and models are kept (default: $XDG_DATA_HOME/automl/local).")
    var dataDirectory: String?

    @Option(name: .customLong("gcs-root"), help: "The folder gs://BUCKET/PATH maps to (default: DATA_DIR/gcs).")
    var gcsRoot: String?

    @Option(name: .customLong("node-hour-seconds"), help: "Wall-clock seconds of one node hour.")
    var nodeHourSeconds: Double = 5

    @Option(name: .customLong("deploy-seconds"), help: "Wall-clock seconds a deploy or an undeploy takes.")
    var deploySeconds: Double = 2

    @Option(name: .customLong("token"),
            help: "A bearer token to require (repeatable); TOKEN@PROJECT limits it to one project.")
    var tokens: [String] = []

    @Flag(name: .customLong("allow-remote"), help: "Serve clients that are not on loopback even without tokens.")
    var allowRemote = false

    @Option(help: "A fault-injection spec, such as unavailable=0.1,latency=50ms.")
    var faults: String?

    @Option(name: .customLong("faults-file"), help: "A JSON file of fault-injection settings.")
    var faultsFile: String?

    func validate() throws {
        guard nodeHourSeconds > 0, nodeHourSeconds.isFinite else {
            throw ValidationError("--node-hour-seconds must be a positive number of seconds.")
        }
        guard deploySeconds >= 0, deploySeconds.isFinite else {
            throw ValidationError("--deploy-seconds must be zero or a positive number of seconds.")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0–65535.") }
        if faults != nil, faultsFile != nil { throw ValidationError("give --faults or --faults-file, not both.") }
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let logger = Logger(label: "automl.emulator")
        let environment = EnvironmentVariables.process
        let dataURL = URL(fileURLWithPath: dataDirectory ?? defaultDataDirectory(environment))
        var configuration = EmulatorConfiguration(
            dataDirectory: dataURL, gcsRoot: gcsRoot.map { URL(fileURLWithPath: $0) },
            nodeHour: .milliseconds(Int64(nodeHourSeconds * 1000)), tokens: tokens, allowRemote: allowRemote,
            deployDuration: .milliseconds(Int64(deploySeconds * 1000)))
        // Local paths let an import read any file this process can read: fine for the person at this machine,
        // not for clients that tokens or --allow-remote let in.
        configuration.allowLocalPaths = tokens.isEmpty && !allowRemote
        let faultSpec = try faultsFile.map(readFaultsFile) ?? faults
        let emulator: Emulator
        let server: EmulatorHTTPServer
        do {
            emulator = try await Emulator.start(configuration: configuration, faults: faultSpec, logger: logger)
            server = try await EmulatorHTTPServer.start(emulator: emulator, host: host, port: port)
        } catch let error as EmulatorSetupError {
            throw ValidationError(error.description)
        }
        // Written straight to the file descriptor: scripts wait for this line, so it must not sit in a buffer.
        FileHandle.standardOutput.write(Data("automl emulator listening on \(server.baseURL)\n".utf8))
        logger.info("data in \(dataURL.path); a node hour is \(nodeHourSeconds) s")
        if tokens.isEmpty, !allowRemote, !["127.0.0.1", "localhost", "::1"].contains(host) {
            logger.warning("listening on \(host) without tokens: only loopback clients will be served")
        }
        let signal = await firstSignal([SIGINT, SIGTERM])
        logger.info("received signal \(signal), shutting down")
        await server.shutdown()
        await emulator.shutdown()
    }

    private func readFaultsFile(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw ValidationError("--faults-file \(path) is not a readable JSON object.") }
        return object.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}

/// `$XDG_DATA_HOME/automl/local`, or `~/.local/share/automl/local`.
func defaultDataDirectory(_ environment: EnvironmentVariables) -> String {
    if let xdg = environment.values["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/automl/local" }
    return (environment[.home] ?? NSTemporaryDirectory()) + "/.local/share/automl/local"
}

/// Waits for the first of the given signals and returns it; the signals no longer end the process.
func firstSignal(_ signals: [Int32]) async -> Int32 {
    await withCheckedContinuation { continuation in
        let sources = signals.map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            return DispatchSource.makeSignalSource(signal: number, queue: .main)
        }
        let resumed = SignalLatch()
        for (source, number) in zip(sources, signals) {
            source.setEventHandler {
                if resumed.fire() {
                    sources.forEach { $0.cancel() }
                    continuation.resume(returning: number)
                }
            }
            source.resume()
        }
    }
}

/// Lets exactly one signal handler resume the waiting task.
private final class SignalLatch: Sendable {
    private let fired = Mutex(false)

    func fire() -> Bool {
        fired.withLock { fired in
            defer { fired = true }
            return !fired
        }
    }
}
