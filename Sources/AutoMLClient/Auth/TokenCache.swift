import AutoMLWire

/// A fetched access token and how long it stays valid.
struct FetchedToken: Sendable {
    var value: String
    var lifetime: Duration
}

/// Keeps one access token until shortly before it expires, and makes concurrent callers share one fetch.
actor TokenCache {
    private let clock = ContinuousClock()
    private let margin: Duration
    private var current: (value: String, expiry: ContinuousClock.Instant)?
    private var pending: Task<FetchedToken, any Error>?

    /// `margin`: how long before expiry a token counts as expired (refreshed early, never used stale).
    init(margin: Duration = .seconds(300)) {
        self.margin = margin
    }

    func token(forceRefresh: Bool, fetch: @escaping @Sendable () async throws -> FetchedToken) async throws -> String {
        if !forceRefresh, let current, clock.now < current.expiry { return current.value }
        if forceRefresh { current = nil }
        let task: Task<FetchedToken, any Error>
        if let pending {
            task = pending
        } else {
            task = Task { try await fetch() }
            pending = task
        }
        defer { if pending == task { pending = nil } }
        let fetched = try await task.value
        let usable = fetched.lifetime > margin * 2 ? fetched.lifetime - margin : fetched.lifetime / 2
        current = (fetched.value, clock.now + usable)
        return fetched.value
    }
}
