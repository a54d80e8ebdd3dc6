package import Foundation

/// The time source of the local backend: operations advance on it, so tests drive them with a
/// ``ManualClock`` and the server uses ``SystemClock``.
package protocol EmulatorClock: Sendable {
    /// The current time.
    func now() -> Date
    /// Waits until the clock reaches `deadline`. Throws `CancellationError` when the task is cancelled.
    func sleep(until deadline: Date) async throws
}

extension EmulatorClock {
    /// Waits for a span of clock time.
    package func sleep(for duration: Duration) async throws {
        try await sleep(until: now().addingTimeInterval(duration.timeInterval))
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    package var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}

/// Wall-clock time.
package struct SystemClock: EmulatorClock {
    package init() {}

    package func now() -> Date { Date() }

    package func sleep(until deadline: Date) async throws {
        let interval = deadline.timeIntervalSinceNow
        if interval > 0 {
            try await Task.sleep(for: .milliseconds(Int64((interval * 1000).rounded(.up))))
        } else {
            try Task.checkCancellation()
        }
    }
}
