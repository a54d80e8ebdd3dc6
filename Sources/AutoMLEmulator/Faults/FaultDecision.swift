/// What the server should do to one request under fault injection: wait ``delay``, then carry out ``action``.
struct FaultDecision: Sendable, Hashable {
    /// What happens after the delay.
    enum Action: Sendable, Hashable {
        /// Answer the request normally.
        case proceed
        /// Answer `503 UNAVAILABLE`.
        case respond503
        /// Answer `429 RESOURCE_EXHAUSTED` with a `Retry-After` header (see ``FaultDecision/retryAfterHeader(for:)``).
        case respond429(retryAfter: Duration)
        /// Close the connection without answering.
        case drop
        /// Handle the request (a create creates), then close the connection without the answer.
        case dropAfterHandling
    }

    /// How long to wait before acting; zero for none.
    var delay: Duration
    /// What to do after the delay.
    var action: Action

    /// No fault: answer at once.
    static let none = FaultDecision(delay: .zero, action: .proceed)

    /// Answer normally after `delay`.
    static func delay(_ delay: Duration) -> FaultDecision {
        FaultDecision(delay: delay, action: .proceed)
    }

    /// The `Retry-After` header value for `duration`: whole seconds, rounded up, since HTTP allows no fractions.
    static func retryAfterHeader(for duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return "0" }
        return String(attoseconds > 0 ? seconds + 1 : seconds)
    }
}
