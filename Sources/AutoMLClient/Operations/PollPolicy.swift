import AutoMLWire

/// How often to poll a running operation: fast at first, backing off to a cap, within an optional
/// overall timeout. Pure, so tests check the schedule directly.
public struct PollPolicy: Sendable, Hashable {
    /// The wait before the first poll after the initial state.
    public var initialDelay: Duration
    /// The factor between one wait and the next.
    public var multiplier: Double
    /// The longest wait between polls.
    public var maxDelay: Duration
    /// How long to wait for the operation to finish in all; nil waits as long as it takes.
    public var timeout: Duration?
    /// How long polls may keep failing for passing reasons (UNAVAILABLE, a 429, a dropped connection, each after the
    /// client's own retries) before the wait gives up; the operation itself goes on either way.
    public var patience: Duration

    public init(
        initialDelay: Duration = .milliseconds(250), multiplier: Double = 1.5, maxDelay: Duration = .seconds(10),
        timeout: Duration? = nil, patience: Duration = .seconds(300)
    ) {
        self.initialDelay = initialDelay
        self.multiplier = max(1, multiplier)
        self.maxDelay = maxDelay
        self.timeout = timeout
        self.patience = patience
    }

    /// The default: 0.25 s, ×1.5, capped at 10 s, no timeout.
    public static let standard = PollPolicy()

    /// The wait before poll number `poll` (1 for the first poll after the initial state).
    public func delay(beforePoll poll: Int) -> Duration {
        var delay = initialDelay
        var step = 1
        while step < poll, delay < maxDelay {
            delay = delay * multiplier
            step += 1
        }
        return min(delay, maxDelay)
    }
}
