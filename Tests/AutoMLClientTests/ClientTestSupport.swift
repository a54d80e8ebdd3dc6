import AutoMLClient
import AutoMLTestSupport
import Foundation
import Synchronization

/// Records the waits the client asks for instead of sleeping, so retry tests run fast and can check the waits.
final class SleepRecorder: Sendable {
    private let recorded = Mutex<[Duration]>([])

    var waits: [Duration] { recorded.withLock { $0 } }

    var environment: ClientEnvironment {
        ClientEnvironment(
            sleep: { [self] duration in recorded.withLock { $0.append(duration) } },
            random: { 0.5 }, wallClock: { 1_700_000_000 })
    }
}

/// A client of the loopback server with fast, recorded retries, and a deadline (60 s) a loaded machine does not
/// reach: the recorded waits are not slept, but every attempt takes real time. Tests of the deadline pass their own.
func makeClient(
    _ server: LoopbackHTTPServer, credentials: any CredentialsProvider = NoCredentials(),
    quotaProject: String? = nil, timeout: Duration = .seconds(60), log: HTTPLogHook? = nil,
    sleeper: SleepRecorder = SleepRecorder()
) -> AutoMLClient {
    makeClient(
        endpoint: server.baseURL, credentials: credentials, quotaProject: quotaProject, timeout: timeout,
        log: log, sleeper: sleeper)
}

func makeClient(
    endpoint: String, credentials: any CredentialsProvider = NoCredentials(),
    quotaProject: String? = nil, timeout: Duration = .seconds(60), log: HTTPLogHook? = nil,
    sleeper: SleepRecorder = SleepRecorder()
) -> AutoMLClient {
    let configuration = AutoMLClient.Configuration(
        endpoint: endpoint, credentials: credentials,
        quotaProject: quotaProject, timeout: timeout, log: log)
    return AutoMLClient(
        configuration: configuration, transport: AsyncHTTPClientTransport(),
        environment: sleeper.environment)
}

let testLocation = LocationName(validatedSegments: ["p", "us-central1"])

/// An operation's JSON as a server would send it.
func operationJSON(
    _ id: String, kind: String = "createModelDetails", done: Bool = false,
    response: ProtoAny? = nil, error: Status? = nil, progress: Int32 = 0
) -> String {
    makeOperation(id, kind: kind, done: done, response: response, error: error, progress: progress).jsonText
}

/// An operation as a server would send it.
func makeOperation(
    _ id: String, kind: String = "createModelDetails", done: Bool = false,
    response: ProtoAny? = nil, error: Status? = nil, progress: Int32 = 0
) -> LongRunningOperation {
    var metadata = OperationMetadata()
    metadata.createTime = Timestamp(seconds: 1_700_000_000)
    metadata.updateTime = Timestamp(seconds: 1_700_000_000 + Int64(progress))
    metadata.progressPercent = progress
    switch kind {
    case "deleteDetails": metadata.deleteDetails = OperationDetails()
    case "importDataDetails": metadata.importDataDetails = OperationDetails()
    default: metadata.createModelDetails = OperationDetails()
    }
    var operation = LongRunningOperation()
    operation.name = "projects/123/locations/us-central1/operations/\(id)"
    operation.metadata = ProtoAny(metadata)
    operation.done = done
    operation.response = response
    operation.error = error
    return operation
}

/// A trained model as a server would send it.
func trainedModel(_ id: String, displayName: String = "flowers_m1", baseModelId: String = "") -> Model {
    var model = Model()
    model.name = "projects/123/locations/us-central1/models/\(id)"
    model.displayName = displayName
    model.datasetId = "ICN222"
    model.deploymentState = .undeployed
    var metadata = ImageClassificationModelMetadata()
    metadata.trainBudgetMilliNodeHours = 24_000
    metadata.trainCostMilliNodeHours = 23_500
    metadata.stopReason = "BUDGET_REACHED"
    metadata.modelType = "cloud"
    metadata.baseModelId = baseModelId
    model.imageClassificationModelMetadata = metadata
    return model
}

extension ProtoMessage {
    var jsonText: String { String(decoding: jsonData(), as: UTF8.self) }
}

/// The JSON value of a request body, for assertions.
func bodyJSON(_ request: RecordedRequest) -> JSONValue? {
    try? JSONDecoder().decode(JSONValue.self, from: request.body)
}

/// A thread-safe counter for handlers.
final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int {
        value.withLock {
            $0 += 1
            return $0
        }
    }
    var count: Int { value.withLock { $0 } }
}
