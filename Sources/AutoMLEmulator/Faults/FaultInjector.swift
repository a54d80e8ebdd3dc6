import Synchronization

/// Decides, request by request, which configured fault the emulator injects.
///
/// Choices come from SplitMix64 generators seeded by ``FaultSpec/seed`` (or a random seed), so a seed replays the
/// same decisions. HTTP faults and training failures draw from separate streams, so how often a client polls does
/// not change which training runs fail. A request the spec's `only`/`path` leave out draws nothing.
final class FaultInjector: Sendable {
    /// The faults this injector applies.
    let spec: FaultSpec
    /// The seed in use: the spec's, or the one drawn at creation (worth logging so a run can be replayed).
    let seed: UInt64

    private let generators: Mutex<Generators>

    private struct Generators {
        var http: SplitMix64
        var training: SplitMix64
    }

    /// An injector for `spec`.
    init(spec: FaultSpec) {
        self.spec = spec
        let seed = spec.seed ?? UInt64.random(in: .min ... .max)
        self.seed = seed
        generators = Mutex(
            Generators(
                http: SplitMix64(seed: seed),
                training: SplitMix64(seed: seed ^ 0x5452_4149_4e49_4e47)))
    }

    /// The fault for one request: a delay (latency plus jitter) and possibly a 503, a 429 or a dropped connection.
    ///
    /// Every request in scope takes exactly two draws, one for the jitter and one for the outcome, whose share
    /// ranges are `drop`, then `unavailable`, then `rate-limit`, then `drop-after`.
    func decide(method: String, path: String) -> FaultDecision {
        guard spec.injectsHTTPFaults, spec.applies(method: method, path: path) else { return .none }
        let (jitterDraw, outcomeDraw) = generators.withLock { generators in
            (generators.http.nextUnit(), generators.http.nextUnit())
        }
        let delay = spec.latency + spec.latencyJitter * jitterDraw
        let action: FaultDecision.Action
        if outcomeDraw < spec.drop {
            action = .drop
        } else if outcomeDraw < spec.drop + spec.unavailable {
            action = .respond503
        } else if outcomeDraw < spec.drop + spec.unavailable + spec.rateLimit {
            action = .respond429(retryAfter: spec.retryAfter)
        } else if outcomeDraw < spec.drop + spec.unavailable + spec.rateLimit + spec.dropAfter {
            action = .dropAfterHandling
        } else {
            action = .proceed
        }
        return FaultDecision(delay: delay, action: action)
    }

    /// Whether the training run starting now should fail (its operation then ends with `INTERNAL`).
    func trainingShouldFail() -> Bool {
        guard spec.trainFail > 0 else { return false }
        return generators.withLock { $0.training.nextUnit() } < spec.trainFail
    }
}
