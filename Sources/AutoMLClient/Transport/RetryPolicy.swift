public import AutoMLWire
import Foundation

/// When and how long to wait before trying a failed call again: jittered exponential backoff within an
/// overall deadline, honouring the server's `Retry-After`.
///
/// Pure: it decides from the failure, the attempt number and the time left, so it is tested without a
/// network or a clock.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included. 1 disables retries.
    public var maxAttempts: Int
    /// The backoff before the second attempt.
    public var initialBackoff: Duration
    /// The factor between one backoff and the next.
    public var multiplier: Double
    /// The largest backoff.
    public var maxBackoff: Duration
    /// The share of each backoff that is randomized, 0–1 (0.2: each wait is 80–100% of the nominal one).
    public var jitter: Double

    public init(
        maxAttempts: Int = 10, initialBackoff: Duration = .milliseconds(250), multiplier: Double = 2,
        maxBackoff: Duration = .seconds(4), jitter: Double = 0.2
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.multiplier = multiplier
        self.maxBackoff = maxBackoff
        self.jitter = min(1, max(0, jitter))
    }

    /// No retries at all.
    public static let disabled = RetryPolicy(maxAttempts: 1)

    /// What failed, as far as retrying is concerned.
    public enum Failure: Sendable {
        /// The server answered with this code (and perhaps a `Retry-After`).
        case response(RPCCode, retryAfter: Duration?)
        /// The exchange failed; `requestMayHaveBeenSent` tells whether the server may have acted on it.
        case transport(TransportError.Kind, requestMayHaveBeenSent: Bool)
    }

    /// The outcome of ``decide(after:attempt:idempotent:timeLeft:random:)``.
    public enum Decision: Sendable, Equatable {
        case retry(after: Duration)
        case giveUp
    }

    /// Decides whether to try again after attempt number `attempt` (1-based) failed.
    ///
    /// - Any call is retried on RESOURCE_EXHAUSTED (429: refused before any work) and a failed connect.
    /// - An idempotent call is also retried on UNAVAILABLE and a reset connection.
    /// - A call that is not idempotent (a create) is otherwise not retried here: the client reconciles it (looks for
    ///   what it would have made) before sending it again.
    /// - A `Retry-After` sets the least wait; when it would pass the deadline, the call gives up at once.
    /// - `random` returns a number in 0..<1 (injected so tests are deterministic).
    public func decide(
        after failure: Failure, attempt: Int, idempotent: Bool, timeLeft: Duration?,
        random: () -> Double
    ) -> Decision {
        guard attempt < maxAttempts, isRetryable(failure, idempotent: idempotent) else { return .giveUp }
        var wait = backoff(beforeAttempt: attempt + 1, random: random)
        if case .response(_, let retryAfter?) = failure, retryAfter > wait {
            wait = retryAfter
        }
        if let timeLeft, wait >= timeLeft { return .giveUp }
        return .retry(after: wait)
    }

    /// The jittered backoff before attempt `attempt` (2 for the first retry).
    public func backoff(beforeAttempt attempt: Int, random: () -> Double) -> Duration {
        let exponent = Double(max(0, attempt - 2))
        let nominalSeconds = min(seconds(initialBackoff) * pow(multiplier, exponent), seconds(maxBackoff))
        let jittered = nominalSeconds * (1 - jitter * random())
        return .milliseconds(Int64((jittered * 1000).rounded()))
    }

    private func isRetryable(_ failure: Failure, idempotent: Bool) -> Bool {
        switch failure {
        case .response(let code, _):
            // A 429 refuses the request before any work, so any call may be sent again after it.
            return code == .resourceExhausted || (idempotent && code == .unavailable)
        case .transport(let kind, let mayHaveBeenSent):
            if kind == .connectFailed, !mayHaveBeenSent { return true }
            return idempotent && kind == .connectionReset
        }
    }
}

func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) / 1e18
}

/// Reads `Retry-After`: a number of seconds, or an HTTP date (then the wait from `now`, not below zero).
func parseRetryAfter(_ value: String?, now: Double) -> Duration? {
    guard let text = value?.trimmingWhitespace, !text.isEmpty else { return nil }
    if let seconds = Int64(text), seconds >= 0 { return .seconds(seconds) }
    guard let date = HTTPDate.parse(text) else { return nil }
    let delta = max(0, date - now)
    return .milliseconds(Int64(delta * 1000))
}

extension String {
    var trimmingWhitespace: String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form HTTP dates take in `Retry-After`.
enum HTTPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Seconds since the Unix epoch, or nil when the text is not an IMF-fixdate.
    static func parse(_ text: String) -> Double? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]),
            let monthIndex = months.firstIndex(of: String(parts[2])), let year = Int(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        let iso =
            "\(zeroPadded(year, 4))-\(zeroPadded(monthIndex + 1, 2))-\(zeroPadded(day, 2))T"
            + "\(zeroPadded(clock[0], 2)):\(zeroPadded(clock[1], 2)):\(zeroPadded(clock[2], 2))Z"
        guard let timestamp = Timestamp(rfc3339: iso) else { return nil }
        return Double(timestamp.seconds)
    }
}

/// Zero-pads a number to `width` digits.
func zeroPadded(_ value: Int, _ width: Int) -> String {
    let digits = "\(value)"
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
