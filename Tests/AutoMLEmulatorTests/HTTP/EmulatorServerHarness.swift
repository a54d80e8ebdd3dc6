import AsyncHTTPClient
import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
import Testing

/// One local backend served on a loopback port for one test: an ``Emulator`` on an in-memory store with its own
/// temporary data folder, an ``EmulatorHTTPServer`` on `127.0.0.1:0`, and an `HTTPClient` of its own, so tearing
/// down closes every connection the test opened (a shared client would keep idle connections to a server that is gone,
/// and a later server on the same port number would get them).
///
/// Start it with ``withServedEmulator(host:clock:faults:configure:_:)``, which always tears it down.
struct ServedEmulator: Sendable {
    let emulator: Emulator
    let server: EmulatorHTTPServer
    let clock: any EmulatorClock
    /// The temporary folder holding the data directory and the gcs root.
    let directory: URL
    /// The HTTP client behind every client and raw request of this test.
    let http: HTTPClient

    /// The location the tests use.
    static let location = LocationName(validatedSegments: ["p", "us-central1"])
    var location: LocationName { Self.location }

    /// `http://127.0.0.1:PORT`.
    var baseURL: String { server.baseURL }
    /// The folder `gs://BUCKET/...` maps to.
    var gcsRoot: URL { emulator.configuration.gcsRoot }

    /// Client retries that wait a few milliseconds rather than seconds.
    static let fastRetries = RetryPolicy(
        maxAttempts: 4, initialBackoff: .milliseconds(5), multiplier: 2,
        maxBackoff: .milliseconds(40), jitter: 0)

    /// The configuration the HTTP tests start from: a node hour of 1 ms (the smallest classification budget, 8 node
    /// hours, trains in a few milliseconds on the system clock) and 5 ms deploys.
    static func testConfiguration(directory: URL) -> EmulatorConfiguration {
        EmulatorConfiguration(
            dataDirectory: directory.appendingPathComponent("data"),
            gcsRoot: directory.appendingPathComponent("gcs"), nodeHour: .milliseconds(1),
            deployDuration: .milliseconds(5))
    }
}

/// Starts a served emulator, runs `body` with it, and tears it down (client connections, server, running operations,
/// temporary folder) whether `body` succeeds or throws.
/// - Parameters:
///   - host: the address to listen on; `0.0.0.0` lets a test connect from a non-loopback address.
///   - clock: ``SystemClock`` by default; with a ``ManualClock`` training and deploys wait until
///     ``ServedEmulator/settle(_:step:)`` moves it.
///   - faults: a `--faults` spec.
///   - limits: the server's idle and header timeouts and its connection limit.
///   - configure: changes to ``ServedEmulator/testConfiguration(directory:)`` (tokens, body limits, …).
func withServedEmulator<Result>(
    host: String = "127.0.0.1", clock: any EmulatorClock = SystemClock(),
    faults: String? = nil, limits: ConnectionLimits = ConnectionLimits(),
    configure: (inout EmulatorConfiguration) -> Void = { _ in },
    _ body: (ServedEmulator) async throws -> Result
) async throws -> Result {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("automl-http-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var configuration = ServedEmulator.testConfiguration(directory: directory)
    configure(&configuration)
    let emulator: Emulator
    let server: EmulatorHTTPServer
    do {
        emulator = try await Emulator.start(
            configuration: configuration, store: try EmulatorStore.inMemory(),
            clock: clock, trainer: ClockBudgetTrainer(), faults: faults)
        do {
            server = try await EmulatorHTTPServer.start(emulator: emulator, host: host, port: 0, limits: limits)
        } catch {
            await emulator.shutdown()
            throw error
        }
    } catch {
        try? FileManager.default.removeItem(at: directory)
        throw error
    }
    var httpConfiguration = HTTPClient.Configuration()
    httpConfiguration.connectionPool.retryConnectionEstablishment = false
    httpConfiguration.timeout.connect = .seconds(10)
    let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfiguration)
    let served = ServedEmulator(emulator: emulator, server: server, clock: clock, directory: directory, http: http)
    let result: Swift.Result<Result, any Error>
    do {
        result = .success(try await body(served))
    } catch {
        result = .failure(error)
    }
    try? await http.shutdown()
    await server.shutdown()
    await emulator.shutdown()
    try? FileManager.default.removeItem(at: directory)
    return try result.get()
}

// MARK: - Clients

extension ServedEmulator {
    /// A client of this server over ``AsyncHTTPClientTransport``.
    /// - Parameters:
    ///   - token: sent as `Authorization: Bearer` through ``StaticTokenCredentials``; nil sends none.
    ///   - retry: ``RetryPolicy/disabled`` unless a test is about retries.
    ///   - log: receives every exchange, retries included.
    func client(token: String? = nil, retry: RetryPolicy = .disabled, log: HTTPLogHook? = nil) -> AutoMLClient {
        let credentials: any CredentialsProvider = token.map { StaticTokenCredentials(token: $0) } ?? NoCredentials()
        let configuration = AutoMLClient.Configuration(
            endpoint: baseURL, credentials: credentials,
            timeout: .seconds(20), retry: retry, log: log)
        return AutoMLClient(configuration: configuration, transport: AsyncHTTPClientTransport(client: http))
    }

    /// A client of the same emulator with no socket in between (``EmulatorTransport``).
    func inProcessClient(retry: RetryPolicy = .disabled) -> AutoMLClient {
        AutoMLClient(
            configuration: .init(endpoint: "http://in-process", retry: retry),
            transport: EmulatorTransport(emulator: emulator))
    }
}

/// Counts the exchanges a client logs: how many attempts a call took, and their statuses.
final class ExchangeLog: Sendable {
    private let entries = Mutex<[HTTPLogEntry]>([])

    var hook: HTTPLogHook { HTTPLogHook { [self] entry in entries.withLock { $0.append(entry) } } }
    var all: [HTTPLogEntry] { entries.withLock { $0 } }
    var statuses: [Int?] { all.map(\.status) }
}

// MARK: - Raw HTTP

/// A response read with no client logic in between: status, headers and body as the server sent them.
struct RawResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: Data

    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }
    /// The body as JSON; nil when it is not JSON.
    var json: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: body) }

    /// `error.status` of an error envelope, such as `NOT_FOUND`.
    var errorStatus: String? { json?["error"]?["status"]?.stringValue }
    /// `error.code` of an error envelope: the HTTP status again.
    var errorCode: JSONValue? { json?["error"]?["code"] }
    var errorMessage: String? { json?["error"]?["message"]?.stringValue }
    /// The first `google.rpc.ErrorInfo` of an error envelope.
    var errorInfo: JSONValue? {
        json?["error"]?["details"]?.arrayValue?.first {
            $0["@type"]?.stringValue == "type.googleapis.com/google.rpc.ErrorInfo"
        }
    }
}

/// How a raw request sends its body.
enum RawBody: Sendable {
    /// No body at all (no `Content-Length`, no `Transfer-Encoding`).
    case none
    /// The bytes with a `Content-Length`.
    case bytes(Data)
    /// The bytes with `Transfer-Encoding: chunked`, so the server learns the size only as it reads.
    case chunked(Data)

    static func text(_ text: String) -> RawBody { .bytes(Data(text.utf8)) }

    /// An ImportData body naming one input URI.
    static func importing(_ uri: String) -> RawBody {
        text(#"{"inputConfig":{"gcsSource":{"inputUris":["\#(uri)"]}}}"#)
    }
}

extension ServedEmulator {
    /// `/v1/projects/p/locations/us-central1/<relative>`, for raw requests.
    func v1(_ relative: String, project: String = "p") -> String {
        let separator = relative.isEmpty || relative.hasPrefix(":") ? "" : "/"
        return "/v1/projects/\(project)/locations/us-central1\(separator)\(relative)"
    }

    /// Sends one request as written: `target` is the path with its (already encoded) query.
    /// - Parameter address: an IP address of this machine to connect to instead of the server's host.
    func raw(
        _ method: String, _ target: String, body: RawBody = .none, headers: [(String, String)] = [],
        address: String? = nil, timeout: TimeAmount = .seconds(20)
    ) async throws -> RawResponse {
        var request = HTTPClientRequest(url: (address.map { "http://\($0):\(server.port)" } ?? baseURL) + target)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        switch body {
        case .none:
            break
        case .bytes(let data):
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(Array(data))
        case .chunked(let data):
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(Array(data), length: .unknown)
        }
        let response = try await http.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return RawResponse(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: Data(bytes.readableBytesView))
    }

    /// A raw request that must answer 200; returns its JSON body.
    func rawJSON(
        _ method: String, _ target: String, body: RawBody = .none, headers: [(String, String)] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> JSONValue {
        let response = try await raw(method, target, body: body, headers: headers)
        #expect(response.status == 200, "\(method) \(target): \(response.text)", sourceLocation: sourceLocation)
        return try #require(response.json, "\(method) \(target) answered no JSON", sourceLocation: sourceLocation)
    }
}

// MARK: - Raw TCP

extension ServedEmulator {
    /// What came back on a raw connection.
    struct ByteExchange: Sendable {
        /// Everything the server sent.
        var text: String
        /// Whether the server closed the connection (rather than the test giving up on it).
        var serverClosed: Bool
    }

    /// Writes `bytes` on a fresh TCP connection (no HTTP client in between, so the request may be malformed or
    /// announce a body it never sends) and reads what the server sends until it closes the connection, or until
    /// `patience` passes (then the test closes it and keeps whatever came).
    func exchangeBytes(_ bytes: String, patience: Duration = .seconds(10)) async throws -> ByteExchange {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: server.host, port: server.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    // The server may answer and close before the bytes are written (a connection past the limit,
                    // an idle one on a slow machine): what it sent is read all the same.
                    try? await outbound.write(ByteBuffer(string: bytes))
                    var received = ByteBuffer()
                    for try await var chunk in inbound {
                        received.writeBuffer(&chunk)
                    }
                    return received
                }
            }
            group.addTask {
                try? await Task.sleep(for: patience)
                channel.channel.close(promise: nil)
                return nil
            }
            var serverClosed: Bool?
            var received = ByteBuffer()
            while let result = try await group.next() {
                if serverClosed == nil { serverClosed = result != nil }
                if let buffer = result {
                    received = buffer
                    group.cancelAll()
                }
            }
            return ByteExchange(text: String(buffer: received), serverClosed: serverClosed ?? false)
        }
    }
}

// MARK: - Operations and fixtures

extension ServedEmulator {
    /// Polls an operation until it is done, moving a ``ManualClock`` by `step` between polls; fails the test after
    /// 30 s.
    func settle(
        _ operation: LongRunningOperation, step: Duration = .seconds(1),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> LongRunningOperation {
        let name = try OperationName(parsing: operation.name)
        let client = client()
        var current = operation
        let wallClock = ContinuousClock()
        let deadline = wallClock.now + .seconds(30)
        while !current.done {
            guard wallClock.now < deadline else {
                Issue.record("\(operation.name) did not finish", sourceLocation: sourceLocation)
                return current
            }
            (clock as? ManualClock)?.advance(by: step)
            try await Task.sleep(for: .milliseconds(2))
            current = try await client.getOperation(name)
        }
        return current
    }

    /// Settles an operation given as the JSON a raw request answered with.
    func settle(
        _ json: JSONValue, step: Duration = .seconds(1),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> LongRunningOperation {
        try await settle(
            try LongRunningOperation(protoJSON: json, path: "operation"), step: step,
            sourceLocation: sourceLocation)
    }

    /// Settles an operation and reads its response as `Result` (throws the operation's error).
    func result<Result: ProtoMessage>(
        of operation: LongRunningOperation, as type: Result.Type,
        step: Duration = .seconds(1)
    ) async throws -> Result {
        try AutoMLClient.result(of: try await settle(operation, step: step), as: type)
    }

    /// Creates a dataset (classification unless `detection`) through the client and returns it.
    func createDataset(
        _ displayName: String = "flowers", detection: Bool = false, multiLabel: Bool = false,
        token: String? = nil, project: String = "p"
    ) async throws -> Dataset {
        var dataset = Dataset()
        dataset.displayName = displayName
        if detection {
            dataset.imageObjectDetectionDatasetMetadata = ImageObjectDetectionDatasetMetadata()
        } else {
            dataset.imageClassificationDatasetMetadata = ImageClassificationDatasetMetadata(
                classificationType: multiLabel ? .multilabel : .multiclass)
        }
        let parent = LocationName(validatedSegments: [project, "us-central1"])
        let operation = try await client(token: token).createDataset(in: parent, dataset)
        return try AutoMLClient.result(of: operation, as: Dataset.self)
    }

    /// Writes `perLabel` generated PNGs per label under `gs://data/` with a CSV naming them, imports it, and waits.
    @discardableResult
    func importImages(
        into dataset: Dataset, labels: [String] = ["daisy", "tulip"], perLabel: Int = 3,
        csvName: String = "import.csv"
    ) async throws -> LongRunningOperation {
        let csv = try TestImages.classificationDataset(
            in: gcsRoot, labels: labels, perLabel: perLabel,
            csvName: csvName)
        let name = try DatasetName(parsing: dataset.name)
        let operation = try await client().importData(into: name, InputConfig(gcsSource: GcsSource(inputUris: [csv])))
        return try await settle(operation)
    }

    /// The CreateModel request for the smallest `cloud` classification budget (8 node hours).
    func modelRequest(on dataset: Dataset, displayName: String = "m1") throws -> Model {
        var model = Model()
        model.displayName = displayName
        model.datasetId = try DatasetName(parsing: dataset.name).dataset
        var metadata = ImageClassificationModelMetadata()
        metadata.modelType = "cloud"
        metadata.trainBudgetMilliNodeHours = 8000
        model.imageClassificationModelMetadata = metadata
        return model
    }

    /// Starts training a model on an imported classification dataset.
    func startTraining(on dataset: Dataset, displayName: String = "m1") async throws -> LongRunningOperation {
        try await client().createModel(in: location, try modelRequest(on: dataset, displayName: displayName))
    }

    /// Trains a model on an imported classification dataset and returns it.
    func trainModel(on dataset: Dataset, displayName: String = "m1") async throws -> Model {
        try await result(of: try await startTraining(on: dataset, displayName: displayName), as: Model.self)
    }

    /// An imported classification dataset and a model trained on it.
    func trainedModel(datasetName: String = "flowers", modelName: String = "m1") async throws -> (Dataset, Model) {
        let dataset = try await createDataset(datasetName)
        try await importImages(into: dataset)
        return (dataset, try await trainModel(on: dataset, displayName: modelName))
    }
}

/// An IPv4 address of this machine that is not on loopback, when it has one: connecting to it from here makes a
/// non-loopback peer.
func nonLoopbackIPv4Address() -> String? {
    let devices = (try? System.enumerateDevices()) ?? []
    return devices.lazy.compactMap { device -> String? in
        guard case .v4 = device.address, let ip = device.address?.ipAddress, !ip.hasPrefix("127.") else { return nil }
        return ip
    }.first
}

/// The last segment of a resource name: the ID.
func resourceID(_ name: String) -> String {
    name.split(separator: "/").last.map(String.init) ?? name
}

/// `text` percent-encoded for a query value.
func queryEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}
