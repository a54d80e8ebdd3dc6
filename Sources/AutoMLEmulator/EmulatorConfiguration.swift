package import Foundation

/// How the local backend runs.
package struct EmulatorConfiguration: Sendable {
    /// Where the SQLite database and trained models are kept.
    package var dataDirectory: URL
    /// The folder `gs://BUCKET/PATH` maps to (`<gcsRoot>/BUCKET/PATH`).
    package var gcsRoot: URL
    /// Clock time of one node hour: a budget of N node hours takes N × this. 5 s by default, so the
    /// minimum classification budget (8 node hours) takes 40 s.
    package var nodeHour: Duration
    /// Bearer tokens accepted; empty means no `Authorization` is needed (then only loopback clients are
    /// served unless ``allowRemote``).
    package var tokens: [String]
    /// The projects some token is limited to (`TOKEN@PROJECT`): their work may use only the buckets they own.
    package var restrictedProjects: Set<String> {
        Set(tokens.compactMap { TokenGrant($0)?.project })
    }
    /// Serve clients that are not on loopback even without tokens.
    package var allowRemote: Bool
    /// The folders whose files imports may name by local path (absolute paths, `file://` URLs) besides `gs://`
    /// URIs; empty (the default) allows none. A path is checked after resolving its symlinks, as `gs://` URIs
    /// are against ``gcsRoot``.
    package var localImportFolders: [URL]
    /// The largest request body, except Predict's.
    package var maxBodyBytes: Int
    /// The largest Predict request body.
    package var maxPredictBodyBytes: Int
    /// The largest body of a Cloud Storage upload request (a whole multipart upload, or one resumable chunk; Google's
    /// Python client sends files up to 100 MiB as one chunk).
    package var maxUploadBodyBytes = 256 << 20
    /// Clock time a deploy or an undeploy takes.
    package var deployDuration: Duration

    package init(
        dataDirectory: URL, gcsRoot: URL? = nil, nodeHour: Duration = .seconds(5), tokens: [String] = [],
        allowRemote: Bool = false, localImportFolders: [URL] = [], maxBodyBytes: Int = 1 << 20,
        maxPredictBodyBytes: Int = 32 << 20, deployDuration: Duration = .seconds(2)
    ) {
        self.dataDirectory = dataDirectory
        self.gcsRoot = gcsRoot ?? dataDirectory.appendingPathComponent("gcs")
        self.nodeHour = nodeHour
        self.tokens = tokens
        self.allowRemote = allowRemote
        self.localImportFolders = localImportFolders
        self.maxBodyBytes = maxBodyBytes
        self.maxPredictBodyBytes = maxPredictBodyBytes
        self.deployDuration = deployDuration
    }
}
