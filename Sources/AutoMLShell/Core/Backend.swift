public import AutoMLClient

/// Makes the client for an endpoint: nil is the embedded local backend. The executable provides it, so
/// the shell library does not decide how the local backend is started.
public struct BackendFactory: Sendable {
    public var makeClient: @Sendable (_ endpoint: String?) async throws -> AutoMLClient
    /// The folder `gs://` URIs map to on the embedded backend (for `labels`, which exports the dataset).
    public var localGCSRoot: String?
    /// The embedded backend's data directory, for the banner.
    public var localDataDirectory: String?

    public init(localGCSRoot: String? = nil, localDataDirectory: String? = nil,
                makeClient: @escaping @Sendable (_ endpoint: String?) async throws -> AutoMLClient) {
        self.localGCSRoot = localGCSRoot
        self.localDataDirectory = localDataDirectory
        self.makeClient = makeClient
    }
}
