package import AutoMLWire
package import Foundation
package import Logging
import Synchronization

/// The local backend: an AutoML API v1 server that keeps its data in SQLite and runs operations on a clock.
///
/// Use it in-process (``handle(_:)``, or ``EmulatorTransport`` under an `AutoMLClient`) or behind
/// ``EmulatorHTTPServer`` on a loopback port.
package final class Emulator: Sendable {
    package let configuration: EmulatorConfiguration
    let service: EmulatorService
    let router: Router
    /// The Vertex AI surface (`/vertex/…`).
    let vertexRouter: VertexRouter
    /// The Cloud Storage routes over the gs:// root.
    let storage: StorageService
    let faults: FaultInjector?
    let logger: Logger
    /// When the last request arrived, for the idle stop.
    private let lastRequest = Mutex(ContinuousClock.now)
    /// Routes of the server beside the API (`/_automl/…`), set by the program that serves this backend.
    private let control = Mutex<ControlHandler?>(nil)

    /// Answers a request under `/_automl/` (after the access checks), or nil for a 404.
    package typealias ControlHandler = @Sendable (EmulatorRequest, Emulator) async -> EmulatorResponse?

    /// Opens the store in the configuration's data directory, and carries on the operations that were
    /// running when the backend last stopped.
    /// - Parameters:
    ///   - faults: a fault-injection spec such as `unavailable=0.1,latency=50ms` (see `automl emulator --help`).
    package static func start(
        configuration: EmulatorConfiguration, clock: any EmulatorClock = SystemClock(),
        trainer: any Trainer = WorkerTrainer(), faults: String? = nil,
        logger: Logger = Logger(label: "automl.emulator")
    ) async throws -> Emulator {
        let store = try EmulatorStore.open(directory: configuration.dataDirectory)
        return try await start(
            configuration: configuration, store: store, clock: clock, trainer: trainer,
            faults: faults, logger: logger)
    }

    /// Starts on a given store (tests use ``EmulatorStore/inMemory()``).
    package static func start(
        configuration: EmulatorConfiguration, store: EmulatorStore, clock: any EmulatorClock,
        trainer: any Trainer, faults: String? = nil,
        logger: Logger = Logger(label: "automl.emulator")
    ) async throws -> Emulator {
        let injector = try faults.map { spec in
            do {
                return FaultInjector(spec: try FaultSpec(parsing: spec))
            } catch {
                throw EmulatorSetupError(String(describing: error), isUsage: true)
            }
        }
        let emulator = Emulator(
            configuration: configuration, store: store, clock: clock, trainer: trainer,
            faults: injector, logger: logger)
        try await emulator.service.resumeUnfinished()
        return emulator
    }

    private init(
        configuration: EmulatorConfiguration, store: EmulatorStore, clock: any EmulatorClock,
        trainer: any Trainer, faults: FaultInjector?, logger: Logger
    ) {
        self.configuration = configuration
        self.faults = faults
        self.logger = logger
        service = EmulatorService(
            configuration: configuration, store: store, clock: clock, trainer: trainer,
            logger: logger, trainingShouldFail: { faults?.trainingShouldFail() ?? false })
        router = Router(service: service)
        vertexRouter = VertexRouter(service: VertexService(base: service))
        storage = StorageService(
            objects: StorageObjects(mapper: GCSPathMapper(root: configuration.gcsRoot), store: store, clock: clock),
            uploads: StorageUploads(folder: configuration.dataDirectory.appendingPathComponent("storage-uploads")))
    }

    /// Stops running operations without ending them (they carry on at the next start), closes the store
    /// and releases the data directory.
    package func shutdown() async {
        await service.runner.stopAll()
        await service.serving.stopAll()
        service.store.close()
    }

    /// Sets the handler of the `/_automl/` routes.
    package func setControl(_ handler: @escaping ControlHandler) {
        control.withLock { $0 = handler }
    }

    /// How many operations are running now.
    package var runningOperationCount: Int { service.runner.runningCount }

    /// How long since the last request when no operation is running; nil while one runs.
    package func idleTime() -> Duration? {
        guard runningOperationCount == 0 else { return nil }
        return ContinuousClock.now - lastRequest.withLock { $0 }
    }

    /// Answers one request: access checks, routing, and the JSON answer or error envelope.
    package func handle(_ request: EmulatorRequest) async -> EmulatorResponse {
        lastRequest.withLock { $0 = .now }
        let options = ProtoJSONOptions(enumsAsIntegers: request.wantsIntegerEnums)
        let isVertex = request.path.hasPrefix(VertexRouter.prefix)
        do {
            let limit = try checkAccess(request)
            if StorageService.handles(request.path) { return await storage.handle(request, limitedTo: limit) }
            if request.path.hasPrefix("/_automl/") {
                let handler = control.withLock { $0 }
                if let handler, let response = await handler(request, self) { return response }
                throw ServiceError.notFound("Path", request.path)
            }
            let message =
                isVertex
                ? try await vertexRouter.route(request, limitedTo: grantedProjects(request))
                : try await router.route(request)
            let stored = message as? any StoredJSONResponse
            let body = try stored?.body(options: options) ?? message.jsonData(options: options)
            var response = EmulatorResponse(status: 200, headers: jsonHeaders, body: body)
            if !options.enumsAsIntegers { response.bodyBuffer = stored?.canonicalBuffer }
            return response
        } catch let error as ServiceError {
            return errorResponse(error, for: request.path)
        } catch {
            logger.error("\(request.method) \(request.path) failed: \(error)")
            return errorResponse(ServiceError(.internal, "the local backend failed: \(error)"), for: request.path)
        }
    }

    /// The error envelope of an answer to `path`: its ErrorInfo names the API the path belongs to.
    func errorResponse(_ error: ServiceError, for path: String) -> EmulatorResponse {
        var error = error
        if path.hasPrefix(VertexRouter.prefix) { error.domain = "aiplatform.googleapis.com" }
        return errorResponse(error)
    }

    func errorResponse(_ error: ServiceError) -> EmulatorResponse {
        EmulatorResponse(
            status: error.httpStatus, headers: jsonHeaders + error.headers.map { ($0.key, $0.value) },
            body: error.envelope.jsonData())
    }

    private var jsonHeaders: [(name: String, value: String)] { [("Content-Type", "application/json; charset=UTF-8")] }

    /// With tokens configured, a request needs `Authorization: Bearer <token>`; a token may be limited to one
    /// project (`TOKEN@PROJECT`). Without tokens only loopback clients are served, unless remote ones are allowed.
    /// - Returns: the project the token is limited to, for the storage routes (whose paths name no project); nil
    ///   for an unlimited token or none.
    private func checkAccess(_ request: EmulatorRequest) throws -> String? {
        let tokens = configuration.tokens
        if tokens.isEmpty {
            guard request.fromLoopback || configuration.allowRemote else {
                throw ServiceError(
                    .permissionDenied,
                    "the local backend serves only loopback clients; start it with "
                        + "--allow-remote or --token to serve others.", reason: "REMOTE_CLIENT")
            }
            return nil
        }
        guard let header = request.header("Authorization"), header.lowercased().hasPrefix("bearer "),
            case let presented = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces), !presented.isEmpty
        else {
            throw ServiceError(
                .unauthenticated,
                "Request is missing required authentication credential: expected "
                    + "an Authorization: Bearer token.", reason: "CREDENTIALS_MISSING")
        }
        let grants = tokens.compactMap { TokenGrant($0) }.filter { $0.token == presented }
        guard !grants.isEmpty else {
            throw ServiceError(
                .unauthenticated, "Request had invalid authentication credentials.",
                reason: "ACCESS_TOKEN_INVALID")
        }
        if grants.contains(where: { $0.project == nil }) { return nil }
        // Storage paths name no project, and a Vertex AI path may name it by number: those routes check the limit.
        if StorageService.handles(request.path) || request.path.hasPrefix(VertexRouter.prefix) {
            return grants.first?.project
        }
        let project = requestProject(request.path)
        guard grants.contains(where: { $0.project == project }) else {
            throw ServiceError(
                .permissionDenied, "the token is not allowed to use project \(project ?? "?").",
                reason: "PROJECT_NOT_ALLOWED")
        }
        return project
    }

    /// The projects the request's token may use; nil when it may use any (no tokens, or an unlimited one). Called
    /// after ``checkAccess(_:)`` accepted the request.
    private func grantedProjects(_ request: EmulatorRequest) -> Set<String>? {
        guard !configuration.tokens.isEmpty, let header = request.header("Authorization") else { return nil }
        let presented = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        let grants = configuration.tokens.compactMap { TokenGrant($0) }.filter { $0.token == presented }
        if grants.contains(where: { $0.project == nil }) { return nil }
        return Set(grants.compactMap(\.project))
    }

    private func requestProject(_ path: String) -> String? {
        let segments = path.split(separator: "/")
        guard segments.count >= 3, segments[0] == "v1", segments[1] == "projects" else { return nil }
        return String(segments[2])
    }
}

/// The backend could not start: a bad fault spec, say.
package struct EmulatorSetupError: Error, Sendable, CustomStringConvertible {
    package var description: String
    /// Whether the options are at fault (a bad fault spec), rather than the machine (a data folder in use).
    package var isUsage: Bool
    package init(_ description: String, isUsage: Bool = false) {
        self.description = description
        self.isUsage = isUsage
    }
}
