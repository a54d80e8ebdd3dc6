public import Foundation

/// How the local backend runs.
public struct EmulatorConfiguration: Sendable {
    /// Where the SQLite database and trained models are kept.
    public var dataDirectory: URL
    /// The folder `gs://BUCKET/PATH` maps to (`<gcsRoot>/BUCKET/PATH`).
    public var gcsRoot: URL
    /// Clock time of one node hour: a budget of N node hours takes N × this. 5 s by default, so the
    /// minimum classification budget (8 node hours) takes 40 s.
    public var nodeHour: Duration
    /// Bearer tokens accepted; empty means no `Authorization` is needed (then only loopback clients are
    /// served unless ``allowRemote``).
    public var tokens: [String]
    /// Serve clients that are not on loopback even without tokens.
    public var allowRemote: Bool
    /// Whether imports may name local files (absolute paths, `file://`) besides `gs://` URIs. Only for a
    /// backend that serves nobody but this machine's user: with tokens or remote clients, keep it off.
    public var allowLocalPaths: Bool
    /// The largest request body, except Predict's.
    public var maxBodyBytes: Int
    /// The largest Predict request body.
    public var maxPredictBodyBytes: Int
    /// Clock time a deploy or an undeploy takes.
    public var deployDuration: Duration

    /// Local paths in imports, only when nothing but this machine's user is served (no tokens, no remote).
    var localPathsAllowed: Bool { allowLocalPaths && tokens.isEmpty && !allowRemote }

    public init(dataDirectory: URL, gcsRoot: URL? = nil, nodeHour: Duration = .seconds(5), tokens: [String] = [],
                allowRemote: Bool = false, allowLocalPaths: Bool = true, maxBodyBytes: Int = 1 << 20,
                maxPredictBodyBytes: Int = 32 << 20, deployDuration: Duration = .seconds(2)) {
        self.dataDirectory = dataDirectory
        self.gcsRoot = gcsRoot ?? dataDirectory.appendingPathComponent("gcs")
        self.nodeHour = nodeHour
        self.tokens = tokens
        self.allowRemote = allowRemote
        self.allowLocalPaths = allowLocalPaths
        self.maxBodyBytes = maxBodyBytes
        self.maxPredictBodyBytes = maxPredictBodyBytes
        self.deployDuration = deployDuration
    }
}
