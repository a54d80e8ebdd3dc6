import Testing

@testable import AutoMLEmulator

/// The injector's choices are reproducible from a seed and follow the configured shares.
@Suite struct FaultInjectorTests {
    private func decisions(_ spec: FaultSpec, count: Int) -> [FaultDecision] {
        let injector = FaultInjector(spec: spec)
        return (0..<count).map { _ in injector.decide(method: "GET", path: "/v1/projects/p/locations/l/models") }
    }

    @Test func sameSeedSameDecisions() throws {
        let spec = try FaultSpec(
            parsing: "latency=5ms,latency-jitter=20ms,unavailable=0.2,rate-limit=0.2,"
                + "drop=0.2,train-fail=0.5,seed=42")
        #expect(decisions(spec, count: 500) == decisions(spec, count: 500))
        let first = FaultInjector(spec: spec)
        let second = FaultInjector(spec: spec)
        #expect((0..<200).map { _ in first.trainingShouldFail() } == (0..<200).map { _ in second.trainingShouldFail() })
        var other = spec
        other.seed = 43
        #expect(decisions(spec, count: 500) != decisions(other, count: 500))
    }

    @Test func unseededInjectorReportsTheSeedItDrew() throws {
        let spec = try FaultSpec(parsing: "unavailable=0.5")
        let injector = FaultInjector(spec: spec)
        var replay = spec
        replay.seed = injector.seed
        let drawn = (0..<100).map { _ in injector.decide(method: "GET", path: "/") }
        #expect(drawn == decisions(replay, count: 100))
    }

    @Test func sharesAreRoughlyAsConfigured() throws {
        let spec = try FaultSpec(parsing: "unavailable=0.1,rate-limit=0.05,retry-after=2s,drop=0.02,seed=7")
        let all = decisions(spec, count: 10_000)
        func share(_ action: FaultDecision.Action) -> Double {
            Double(all.count { $0.action == action }) / Double(all.count)
        }
        #expect(abs(share(.respond503) - 0.1) < 0.03)
        #expect(abs(share(.respond429(retryAfter: .seconds(2))) - 0.05) < 0.03)
        #expect(abs(share(.drop) - 0.02) < 0.03)
        #expect(abs(share(.proceed) - 0.83) < 0.03)
        #expect(all.allSatisfy { $0.delay == .zero })
    }

    @Test func trainingFailureShare() throws {
        let injector = FaultInjector(spec: try FaultSpec(parsing: "train-fail=0.3,seed=1"))
        let failures = (0..<10_000).count { _ in injector.trainingShouldFail() }
        #expect(abs(Double(failures) / 10_000 - 0.3) < 0.03)
        let always = FaultInjector(spec: try FaultSpec(parsing: "train-fail=1"))
        #expect((0..<100).allSatisfy { _ in always.trainingShouldFail() })
        let never = FaultInjector(spec: .none)
        #expect(!(0..<100).contains { _ in never.trainingShouldFail() })
    }

    @Test func latencyAndJitterStayInRange() throws {
        let all = decisions(try FaultSpec(parsing: "latency=50ms,latency-jitter=20ms,seed=3"), count: 2_000)
        #expect(all.allSatisfy { $0.action == .proceed })
        #expect(all.allSatisfy { $0.delay >= .milliseconds(50) && $0.delay <= .milliseconds(70) })
        #expect(Set(all.map(\.delay)).count > 100, "the jitter varies")
        let fixed = decisions(try FaultSpec(parsing: "latency=50ms"), count: 10)
        #expect(fixed.allSatisfy { $0 == .delay(.milliseconds(50)) })
    }

    @Test func noFaultsMeansNone() {
        #expect(decisions(.none, count: 100).allSatisfy { $0 == .none })
    }

    @Test func outOfScopeRequestsAreUntouchedAndDrawNothing() throws {
        let spec = try FaultSpec(parsing: "unavailable=0.5,only=POST,path=:deploy,seed=9")
        let injector = FaultInjector(spec: spec)
        let reference = FaultInjector(spec: spec)
        for _ in 0..<50 {
            #expect(injector.decide(method: "GET", path: "/v1/m:deploy") == .none)
            #expect(injector.decide(method: "POST", path: "/v1/models") == .none)
            #expect(
                injector.decide(method: "POST", path: "/v1/m:deploy")
                    == reference.decide(method: "POST", path: "/v1/m:deploy"))
        }
        let shares = (0..<1_000).count { _ in injector.decide(method: "post", path: "/v1/m:deploy") != .none }
        #expect(shares > 0 && shares < 1_000)
    }

    @Test func trainingDrawsAreIndependentOfTraffic() throws {
        let spec = try FaultSpec(parsing: "unavailable=0.5,train-fail=0.5,seed=11")
        let quiet = FaultInjector(spec: spec)
        let busy = FaultInjector(spec: spec)
        var quietRuns: [Bool] = []
        var busyRuns: [Bool] = []
        for _ in 0..<100 {
            quietRuns.append(quiet.trainingShouldFail())
            for _ in 0..<7 { _ = busy.decide(method: "GET", path: "/v1/operations/1") }
            busyRuns.append(busy.trainingShouldFail())
        }
        #expect(quietRuns == busyRuns)
    }

    @Test func retryAfterHeaderRoundsUp() {
        #expect(FaultDecision.retryAfterHeader(for: .seconds(2)) == "2")
        #expect(FaultDecision.retryAfterHeader(for: .milliseconds(1500)) == "2")
        #expect(FaultDecision.retryAfterHeader(for: .milliseconds(1)) == "1")
        #expect(FaultDecision.retryAfterHeader(for: .zero) == "0")
    }

    @Test func splitMix64MatchesTheReferenceSequence() {
        // Reference values of SplitMix64 seeded with 1234567 (from the published C implementation).
        var generator = SplitMix64(seed: 1_234_567)
        let expected: [UInt64] = [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ]
        #expect((0..<5).map { _ in generator.next() } == expected)
        var unit = SplitMix64(seed: 0)
        #expect((0..<1_000).allSatisfy { _ in (0..<1).contains(unit.nextUnit()) })
    }
}
