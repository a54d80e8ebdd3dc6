/// What keeps a slow or greedy client from starving the others: how long a connection may sit idle, how long a
/// request may take to arrive, and how many connections are open at once.
package struct ConnectionLimits: Sendable {
    /// How long a connection may wait for its next request (75 s: longer than the 60 s after which HTTP client pools
    /// drop idle connections themselves, so a client never reuses one the server is closing).
    package var idleTimeout: Duration
    /// How long a request's head may take to arrive once its first byte has, and the longest pause inside its body;
    /// past it the client gets 408 and the connection closes.
    package var headerTimeout: Duration
    /// Connections open at once. A new one past it closes the longest-idle connection (or one still sending its
    /// head), and when every connection is busy it is answered 503 with `Retry-After` and closed.
    package var maxConnections: Int

    package init(
        idleTimeout: Duration = .seconds(75), headerTimeout: Duration = .seconds(20), maxConnections: Int = 1000
    ) {
        self.idleTimeout = idleTimeout
        self.headerTimeout = headerTimeout
        self.maxConnections = max(1, maxConnections)
    }
}
