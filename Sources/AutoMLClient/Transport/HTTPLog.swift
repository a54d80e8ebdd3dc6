import AutoMLWire

/// One HTTP exchange as the client's log hook sees it: already redacted, so a hook can print it as it is.
public struct HTTPLogEntry: Sendable {
    public var method: String
    /// The URL with secret query values replaced.
    public var url: String
    /// The response status; nil when no response came.
    public var status: Int?
    /// The time from sending the request to having the whole response (or the failure).
    public var duration: Duration
    /// 1 for the first try of a call, 2 for its first retry, and so on.
    public var attempt: Int
    /// The transport failure, when there was no response.
    public var failure: String?
    /// The request body, when the hook asked for bodies; secrets replaced.
    public var requestBody: String?
    /// The response body, when the hook asked for bodies; secrets replaced.
    public var responseBody: String?

    /// `POST http://127.0.0.1:8080/v1/projects/p/locations/us-central1/models 200 12ms`.
    public var summary: String {
        let outcome = status.map { String($0) } ?? "failed (\(failure ?? "no response"))"
        let milliseconds = Int((seconds(duration) * 1000).rounded())
        let retry = attempt > 1 ? " (attempt \(attempt))" : ""
        return "\(method) \(url) \(outcome) \(milliseconds)ms\(retry)"
    }
}

/// Where the client reports each HTTP exchange. Entries never carry the `Authorization` header, and
/// bodies (only when ``includeBodies`` is set) have tokens and keys replaced by `[REDACTED]`.
public struct HTTPLogHook: Sendable {
    public var includeBodies: Bool
    public var record: @Sendable (HTTPLogEntry) -> Void

    public init(includeBodies: Bool = false, record: @escaping @Sendable (HTTPLogEntry) -> Void) {
        self.includeBodies = includeBodies
        self.record = record
    }
}
