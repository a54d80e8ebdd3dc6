package import AutoMLClient

/// Makes the client for an endpoint: nil is the local server of the data folder. The executable provides it, so
/// the shell library does not decide how that server is found or started.
package struct BackendFactory: Sendable {
    package var makeClient: @Sendable (_ endpoint: String?) async throws -> AutoMLClient
    /// The folder `gs://` URIs map to on the local server (for `labels`, which exports the dataset).
    package var localGCSRoot: String?
    /// The local server's data directory, for the banner.
    package var localDataDirectory: String?
    /// Whether the local server runs now, for the prompt and `context`; nil when there is no local server.
    package var localServerState: (@Sendable () -> LocalServerState)?

    package init(
        localGCSRoot: String? = nil, localDataDirectory: String? = nil,
        makeClient: @escaping @Sendable (_ endpoint: String?) async throws -> AutoMLClient
    ) {
        self.localGCSRoot = localGCSRoot
        self.localDataDirectory = localDataDirectory
        self.makeClient = makeClient
    }
}
