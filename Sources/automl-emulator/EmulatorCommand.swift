import ArgumentParser
import AutoMLEmulator
import AutoMLWire
import Foundation
import Logging

/// `automl emulator` (this binary, `automl-emulator`): the local backend as a server on a loopback port, in the
/// foreground, or as the data folder's background server (`--service`, how `automl` starts it).
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "automl emulator",
        abstract: "Run the local backend: an AutoML API v1 server that keeps its data on this machine.",
        discussion: """
            `automl` starts this server by itself, in the background, for its data folder (see `automl emulator \
            status`); run it by hand for a server in the foreground, on another folder or with other settings.

            It also serves Vertex AI's image subset under /vertex/ (http://HOST:PORT/vertex is the api_endpoint for \
            Google's aiplatform clients; docs/vertex.md), on the same data.

            The first line on standard output is exactly `automl emulator listening on http://HOST:PORT`; logs go \
            to standard error. SIGINT or SIGTERM stops it; operations that were running carry on at the next start \
            on the same data directory.

            A node hour is --node-hour-seconds of wall time, so a budget is real time spent: the minimum image \
            classification budget of 8 node hours takes 40 s at the default of 5.

            Requests must name a loopback address in their Host header, and requests from web pages (with an Origin \
            header) are refused, unless --allow-remote. Tokens come from --token-file (one TOKEN or TOKEN@PROJECT \
            per line) or AUTOML_EMULATOR_TOKENS (comma-separated); --token works too, but other users can read it in \
            `ps`. Imports read local files (absolute paths, file:// URLs) only under the folders given with \
            --allow-path; gs:// URIs map into --gcs-root.

            Fault injection (--faults) takes comma-separated items: latency=50ms, latency-jitter=20ms, \
            unavailable=0.1 (share answered 503), rate-limit=0.05 (share answered 429), retry-after=2s, \
            drop=0.02 (share of connections closed unanswered), drop-after=0.02 (share of requests handled whose answer \
            is then lost), train-fail=1 (share of trainings that fail), \
            seed=42, only=GET, path=SUBSTRING. --faults-file reads the same keys from a JSON object.

            Training runs in `automl-trainer`, a worker process next to this binary (or AUTOML_TRAINER): models are \
            trained from scratch on your images, on this machine's CPU.
            """,
        version: AutoMLWireVersion.current,
        subcommands: [DemoDataCommand.self]
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 0

    @Option(
        name: .customLong("data-dir"),
        help: "Where the database and models are kept (default: $XDG_DATA_HOME/automl/local).")
    var dataDirectory: String?

    @Option(name: .customLong("gcs-root"), help: "The folder gs://BUCKET/PATH maps to (default: DATA_DIR/gcs).")
    var gcsRoot: String?

    @Option(name: .customLong("node-hour-seconds"), help: "Wall-clock seconds of one node hour.")
    var nodeHourSeconds: Double = 5

    @Option(
        name: .customLong("trainer-threads"),
        help: "CPU threads each training uses (libtorch's intra-op threads; default 2).")
    var trainerThreads: Int = 2

    @Option(name: .customLong("deploy-seconds"), help: "Wall-clock seconds a deploy or an undeploy takes.")
    var deploySeconds: Double = 2

    @Option(
        name: .customLong("token-file"),
        help: "A file of bearer tokens to require, one per line (TOKEN@PROJECT limits one to a project).")
    var tokenFile: String?

    @Option(
        name: .customLong("token"), help: "A bearer token to require (repeatable; visible in ps: prefer --token-file).")
    var tokens: [String] = []

    @Option(name: .customLong("allow-path"), help: "A folder whose files imports may name by local path (repeatable).")
    var allowedPaths: [String] = []

    @Flag(name: .customLong("allow-remote"), help: "Serve clients that are not on loopback even without tokens.")
    var allowRemote = false

    @Option(
        name: .customLong("idle-stop"),
        help:
            "Stop after this long with no request and no running operation, such as 15m or 90s (default: never; 15m with --service)."
    )
    var idleStop: String?

    @Option(
        name: .customLong("idle-timeout"),
        help: "Close a connection that has waited this long for its next request (default: 75s).")
    var idleTimeout = "75s"

    @Option(
        name: .customLong("header-timeout"),
        help: ArgumentHelp(
            "Answer 408 and close when a request's head takes longer than this to arrive, or its body pauses this "
                + "long (default: 20s)."))
    var headerTimeout = "20s"

    @Option(
        name: .customLong("max-connections"),
        help: ArgumentHelp(
            "Connections open at once; past it the longest-waiting one is closed, or when all are busy the new one "
                + "is answered 503."))
    var maxConnections = 1000

    @Flag(name: .customLong("service"), help: .hidden)
    var service = false

    @Option(help: "A fault-injection spec, such as unavailable=0.1,latency=50ms.")
    var faults: String?

    @Option(name: .customLong("faults-file"), help: "A JSON file of fault-injection settings.")
    var faultsFile: String?

    func validate() throws {
        guard (1...256).contains(trainerThreads) else {
            throw ValidationError("--trainer-threads takes a number from 1 to 256")
        }
        guard nodeHourSeconds > 0, nodeHourSeconds.isFinite else {
            throw ValidationError("--node-hour-seconds must be a positive number of seconds.")
        }
        guard deploySeconds >= 0, deploySeconds.isFinite else {
            throw ValidationError("--deploy-seconds must be zero or a positive number of seconds.")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0–65535.") }
        if faults != nil, faultsFile != nil { throw ValidationError("give --faults or --faults-file, not both.") }
        if let idleStop, DurationText.parse(idleStop) == nil {
            throw ValidationError("--idle-stop takes a duration such as 15m, 90s or 0 (never), not \"\(idleStop)\".")
        }
        if service, allowRemote { throw ValidationError("the background server serves loopback clients only.") }
        for (flag, text) in [("--idle-timeout", idleTimeout), ("--header-timeout", headerTimeout)] {
            guard let duration = DurationText.parse(text), duration > .zero else {
                throw ValidationError("\(flag) takes a duration above zero such as 20s or 2m, not \"\(text)\".")
            }
        }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1.") }
    }

    /// The connection limits the options give (validated before).
    private var connectionLimits: ConnectionLimits {
        ConnectionLimits(
            idleTimeout: DurationText.parse(idleTimeout) ?? .seconds(75),
            headerTimeout: DurationText.parse(headerTimeout) ?? .seconds(20),
            maxConnections: OpenFileLimit.raise(toServe: maxConnections))
    }

    func run() async throws {
        // Everything this server writes (database, models, exports, its address file) is the user's alone.
        umask(0o077)
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let logger = Logger(label: "automl.emulator")
        let environment = ProcessInfo.processInfo.environment
        let dataURL = URL(fileURLWithPath: dataDirectory ?? defaultDataDirectory(environment))
        let serviceToken = service ? ServiceToken.generate() : nil
        var accepted = try TokenSources(file: tokenFile, environment: environment, flags: tokens).tokens()
        if let serviceToken { accepted.append(serviceToken) }
        var configuration = EmulatorConfiguration(
            dataDirectory: dataURL, gcsRoot: gcsRoot.map { URL(fileURLWithPath: $0) },
            nodeHour: .milliseconds(Int64(nodeHourSeconds * 1000)), tokens: accepted, allowRemote: allowRemote,
            deployDuration: .milliseconds(Int64(deploySeconds * 1000)))
        configuration.localImportFolders = allowedPaths.map { URL(fileURLWithPath: $0) }
        let faultSpec = try faultsFile.map(readFaultsFile) ?? faults
        let emulator: Emulator
        let server: EmulatorHTTPServer
        do {
            emulator = try await Emulator.start(
                configuration: configuration, trainer: WorkerTrainer(threads: trainerThreads), faults: faultSpec,
                logger: logger)
            server = try await EmulatorHTTPServer.start(
                emulator: emulator, host: host, port: port, limits: connectionLimits)
        } catch let error as EmulatorSetupError {
            // Only a bad option gets the usage text (and status 64); a folder in use is the machine's state.
            if error.isUsage { throw ValidationError(error.description) }
            throw StartupFailure(error.description)
        }
        let lifetime = ServerLifetime(
            emulator: emulator,
            idleStop: idleStop.flatMap(DurationText.parse) ?? (service ? .seconds(900) : nil))
        if let serviceToken {
            let address = LocalServerAddress(
                url: server.baseURL, token: serviceToken, pid: getpid(),
                version: AutoMLWireVersion.current,
                startedAt: ISO8601DateFormatter().string(from: Date()))
            try address.write(in: dataURL)
            emulator.setControl(ServerControl(address: address, dataDirectory: dataURL, lifetime: lifetime).handle)
        }
        // Written straight to the file descriptor: scripts wait for this line, so it must not sit in a buffer.
        FileHandle.standardOutput.write(Data("automl emulator listening on \(server.baseURL)\n".utf8))
        let idleNote = lifetime.idleStop.map { "; stops after \(DurationText.describe($0)) idle" } ?? ""
        logger.info("data in \(dataURL.path); a node hour is \(nodeHourSeconds) s\(idleNote)")
        if !tokens.isEmpty { logger.warning("--token is visible to other users in ps; prefer --token-file") }
        if accepted.isEmpty, !allowRemote, !["127.0.0.1", "localhost", "::1"].contains(host) {
            logger.warning("listening on \(host) without tokens: only loopback clients will be served")
        }
        let reason = await lifetime.waitForStop()
        logger.info("stopping: \(reason)")
        await server.shutdown()
        await emulator.shutdown()
        if serviceToken != nil { LocalServerAddress.remove(in: dataURL, ifPID: getpid()) }
    }

    private func readFaultsFile(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw ValidationError("--faults-file \(path) is not a readable JSON object.") }
        return object.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}

/// `$XDG_DATA_HOME/automl/local`, or `~/.local/share/automl/local`.
func defaultDataDirectory(_ environment: [String: String]) -> String {
    if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/automl/local" }
    return (environment["HOME"] ?? NSTemporaryDirectory()) + "/.local/share/automl/local"
}
