import AutoMLClient
import Testing

/// The pure decisions behind retries and polling.
@Suite struct RetryAndPollPolicyTests {
    let policy = RetryPolicy(
        maxAttempts: 4, initialBackoff: .milliseconds(100), multiplier: 2,
        maxBackoff: .milliseconds(300), jitter: 0.5)

    @Test func backoffGrowsToItsCapWithJitterBelowNominal() {
        #expect(policy.backoff(beforeAttempt: 2, random: { 0 }) == .milliseconds(100))
        #expect(policy.backoff(beforeAttempt: 3, random: { 0 }) == .milliseconds(200))
        #expect(policy.backoff(beforeAttempt: 4, random: { 0 }) == .milliseconds(300))
        #expect(policy.backoff(beforeAttempt: 9, random: { 0 }) == .milliseconds(300))
        #expect(policy.backoff(beforeAttempt: 3, random: { 0.999 }) == .milliseconds(100))
    }

    @Test func onlyRetryableFailuresOfIdempotentCallsRetry() {
        let unavailable = RetryPolicy.Failure.response(.unavailable, retryAfter: nil)
        #expect(
            policy.decide(after: unavailable, attempt: 1, idempotent: true, timeLeft: nil, random: { 0 })
                == .retry(after: .milliseconds(100)))
        #expect(
            policy.decide(after: unavailable, attempt: 1, idempotent: false, timeLeft: nil, random: { 0 }) == .giveUp)
        #expect(
            policy.decide(
                after: .response(.notFound, retryAfter: nil), attempt: 1, idempotent: true,
                timeLeft: nil, random: { 0 }) == .giveUp)
        #expect(
            policy.decide(after: unavailable, attempt: 4, idempotent: true, timeLeft: nil, random: { 0 }) == .giveUp)
        let notSent = RetryPolicy.Failure.transport(.connectFailed, requestMayHaveBeenSent: false)
        #expect(
            policy.decide(after: notSent, attempt: 1, idempotent: false, timeLeft: nil, random: { 0 })
                == .retry(after: .milliseconds(100)))
        let reset = RetryPolicy.Failure.transport(.connectionReset, requestMayHaveBeenSent: true)
        #expect(policy.decide(after: reset, attempt: 1, idempotent: false, timeLeft: nil, random: { 0 }) == .giveUp)
        #expect(
            policy.decide(
                after: .transport(.timedOut, requestMayHaveBeenSent: true), attempt: 1, idempotent: true,
                timeLeft: nil, random: { 0 }) == .giveUp)
    }

    @Test func retryAfterIsAFloorAndTheDeadlineACeiling() {
        let limited = RetryPolicy.Failure.response(.resourceExhausted, retryAfter: .seconds(2))
        #expect(
            policy.decide(after: limited, attempt: 1, idempotent: true, timeLeft: .seconds(10), random: { 0 })
                == .retry(after: .seconds(2)))
        #expect(
            policy.decide(after: limited, attempt: 1, idempotent: true, timeLeft: .seconds(1), random: { 0 })
                == .giveUp)
    }

    @Test func pollingStartsFastAndBacksOffToTheCap() {
        let poll = PollPolicy(initialDelay: .milliseconds(200), multiplier: 2, maxDelay: .seconds(1))
        #expect(
            (1...5).map { poll.delay(beforePoll: $0) }
                == [.milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1)])
    }
}
