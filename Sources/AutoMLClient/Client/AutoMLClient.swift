import AutoMLWire
import Foundation

/// A client of the AutoML API v1 (Vision) at one endpoint: the official service, the local backend, or
/// any other v1-compatible server.
///
/// Every method checks its resource names before sending (they are typed), speaks the v1 REST wire
/// format, retries idempotent calls on UNAVAILABLE, 429 and reset connections, and throws
/// ``AutoMLError`` for an error answer and ``TransportError`` for a failed exchange.
public struct AutoMLClient: Sendable {
    public let configuration: Configuration
    let transport: any HTTPTransport
    let environment: ClientEnvironment

    /// A client over the given transport (``AsyncHTTPClientTransport`` by default).
    public init(
        configuration: Configuration = Configuration(),
        transport: any HTTPTransport = AsyncHTTPClientTransport()
    ) {
        self.init(configuration: configuration, transport: transport, environment: .live)
    }

    /// A client whose waits and randomness come from the given environment (tests use a recording sleep).
    public init(configuration: Configuration, transport: any HTTPTransport, environment: ClientEnvironment) {
        self.configuration = configuration
        self.transport = transport
        self.environment = environment
    }
}

/// The effects the client uses besides the network: waiting and randomness.
public struct ClientEnvironment: Sendable {
    /// Waits for a duration (backoff, polling). Throws when the task is cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A number in 0..<1, for jitter.
    public var random: @Sendable () -> Double
    /// Seconds since the Unix epoch, for HTTP dates in `Retry-After`.
    public var wallClock: @Sendable () -> Double

    public init(
        sleep: @escaping @Sendable (Duration) async throws -> Void, random: @escaping @Sendable () -> Double,
        wallClock: @escaping @Sendable () -> Double
    ) {
        self.sleep = sleep
        self.random = random
        self.wallClock = wallClock
    }

    /// Real sleeping, system randomness, the system clock.
    public static let live = ClientEnvironment(
        sleep: { try await Task.sleep(for: $0) },
        random: { Double.random(in: 0..<1) },
        wallClock: { Date().timeIntervalSince1970 }
    )
}

extension AutoMLClient {
    /// Where and how the client calls.
    public struct Configuration: Sendable {
        /// The base URL, such as `https://automl.googleapis.com` or `http://127.0.0.1:8080`.
        public var endpoint: String
        /// Where bearer tokens come from; ``NoCredentials`` for the local backend.
        public var credentials: any CredentialsProvider
        /// The project billed for quota (`x-goog-user-project`); overrides the one the credentials name.
        public var quotaProject: String?
        /// The deadline of one call, retries included.
        public var timeout: Duration
        /// The deadline of Predict, which may take longer on the service (60 s in its own config).
        public var predictTimeout: Duration
        /// How failed idempotent calls are retried.
        public var retry: RetryPolicy
        /// Where each HTTP exchange is reported, when anywhere.
        public var log: HTTPLogHook?
        /// The `User-Agent` header.
        public var userAgent: String

        public init(
            endpoint: String = "https://automl.googleapis.com",
            credentials: any CredentialsProvider = NoCredentials(),
            quotaProject: String? = nil, timeout: Duration = .seconds(30),
            predictTimeout: Duration = .seconds(60), retry: RetryPolicy = RetryPolicy(),
            log: HTTPLogHook? = nil, userAgent: String = "automl-swift/\(AutoMLClientVersion.current)"
        ) {
            self.endpoint = endpoint
            self.credentials = credentials
            self.quotaProject = quotaProject
            self.timeout = timeout
            self.predictTimeout = predictTimeout
            self.retry = retry
            self.log = log
            self.userAgent = userAgent
        }
    }
}

/// The version of this client, sent in `User-Agent` and `x-goog-api-client`.
public enum AutoMLClientVersion {
    public static let current = AutoMLWireVersion.current
}

/// Options of one call.
public struct CallOptions: Sendable {
    /// Overrides the configuration's deadline for this call.
    public var timeout: Duration?
    /// Overrides the configuration's retry policy for this call.
    public var retry: RetryPolicy?

    public init(timeout: Duration? = nil, retry: RetryPolicy? = nil) {
        self.timeout = timeout
        self.retry = retry
    }
}
