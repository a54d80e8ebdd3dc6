import Foundation
import Testing

@testable import AutoMLEmulator

/// Fault specs read from `--faults` and from JSON config files, and refuse what they cannot mean.
@Suite struct FaultSpecTests {
    @Test func fullSpecParses() throws {
        let spec = try FaultSpec(
            parsing: "latency=50ms,latency-jitter=20ms,unavailable=0.1,rate-limit=0.05,"
                + "retry-after=2s,drop=0.02,drop-after=0.03,train-fail=1,seed=42,only=GET")
        #expect(spec.latency == .milliseconds(50))
        #expect(spec.latencyJitter == .milliseconds(20))
        #expect(spec.unavailable == 0.1)
        #expect(spec.dropAfter == 0.03)
        #expect(spec.rateLimit == 0.05)
        #expect(spec.retryAfter == .seconds(2))
        #expect(spec.drop == 0.02)
        #expect(spec.trainFail == 1)
        #expect(spec.seed == 42)
        #expect(spec.methods == ["GET"])
        #expect(spec.pathSubstring == nil)
        #expect(spec.injectsHTTPFaults)
    }

    @Test func defaultsAndBlankSpec() throws {
        for text in ["", "  ", ",", " , "] {
            #expect(try FaultSpec(parsing: text) == .none)
        }
        #expect(FaultSpec.none.retryAfter == .seconds(1))
        #expect(!FaultSpec.none.injectsHTTPFaults)
        #expect(FaultSpec.none.description == "")
        #expect(try !FaultSpec(parsing: "train-fail=0.5,seed=1").injectsHTTPFaults)
    }

    @Test func whitespaceAroundItemsIsIgnored() throws {
        let spec = try FaultSpec(parsing: " latency = 5ms , drop=0.5 ")
        #expect(spec.latency == .milliseconds(5))
        #expect(spec.drop == 0.5)
    }

    @Test func durations() throws {
        let cases: [(String, Duration)] = [
            ("50ms", .milliseconds(50)), ("2s", .seconds(2)), ("1.5s", .milliseconds(1500)),
            ("0.5ms", .microseconds(500)), ("0", .zero), ("0ms", .zero), ("3600s", .seconds(3600)),
        ]
        for (text, expected) in cases {
            #expect(try FaultSpec(parsing: "latency=\(text)").latency == expected, "\(text)")
        }
    }

    @Test func scopeLimitsToMethodAndPath() throws {
        let spec = try FaultSpec(parsing: "unavailable=1,only=get|Post,path=/models")
        #expect(spec.methods == ["GET", "POST"])
        #expect(spec.applies(method: "GET", path: "/v1/projects/p/locations/l/models/1"))
        #expect(spec.applies(method: "post", path: "/v1/projects/p/locations/l/models"))
        #expect(!spec.applies(method: "DELETE", path: "/v1/projects/p/locations/l/models/1"))
        #expect(!spec.applies(method: "GET", path: "/v1/projects/p/locations/l/datasets"))
        #expect(FaultSpec.none.applies(method: "PATCH", path: "/anything"))
    }

    @Test func descriptionRoundTrips() throws {
        let texts = [
            "latency=50ms,latency-jitter=20ms,unavailable=0.1,rate-limit=0.05,retry-after=2s,drop=0.02,"
                + "train-fail=1.0,seed=42,only=GET|DELETE,path=/operations",
            "latency=1500ms", "latency=0.5ms", "retry-after=3s",
        ]
        for text in texts {
            let spec = try FaultSpec(parsing: text)
            #expect(spec.description == text)
            #expect(try FaultSpec(parsing: spec.description) == spec)
        }
    }

    @Test func errorsNameTheProblemAndListTheKeys() {
        let cases: [(String, String)] = [
            ("latency=50", "latency must be a duration such as 50ms or 2s, not \"50\""),
            ("latency=fast", "not \"fast\""),
            ("latency=-5ms", "not \"-5ms\""),
            ("latency=5m", "not \"5m\""),
            ("latency=infs", "not \"infs\""),
            ("latency=3601s", "latency must be at most 3600s"),
            ("unavailable=1.5", "unavailable must be a share from 0 to 1, not \"1.5\""),
            ("drop=-0.1", "drop must be a share from 0 to 1"),
            ("rate-limit=10%", "not \"10%\""),
            ("train-fail=nan", "not \"nan\""),
            ("seed=-1", "seed must be a whole number"),
            ("seed=abc", "seed must be a whole number"),
            ("only=FETCH", "only takes HTTP methods"),
            ("only=GET|", "only takes HTTP methods"),
            ("path=", "path needs a substring"),
            ("speed=2", "unknown key \"speed\""),
            ("latency", "\"latency\" is not key=value"),
            ("latency=1ms,latency=2ms", "latency is given twice"),
            ("unavailable=0.6,rate-limit=0.3,drop=0.2", "together they may not exceed 1"),
        ]
        for (text, piece) in cases {
            let error = #expect(throws: FaultSpecError.self, "\(text)") { try FaultSpec(parsing: text) }
            let message = error?.message ?? ""
            #expect(message.contains(piece), "\(message)")
            #expect(
                message.contains(
                    "Valid keys: latency=DURATION, latency-jitter=DURATION, unavailable=SHARE, "
                        + "rate-limit=SHARE, retry-after=DURATION, drop=SHARE, drop-after=SHARE, train-fail=SHARE, seed=INTEGER, "
                        + "only=METHOD[|METHOD…], path=SUBSTRING"), "\(message)")
        }
    }

    @Test func jsonConfigMatchesTheSpec() throws {
        let json = #"""
            {"latency": "50ms", "latency-jitter": "20ms", "unavailable": 0.1, "rate-limit": "0.05",
             "retry-after": "2s", "drop": 0.02, "train-fail": 1, "seed": 18446744073709551615, "only": "GET",
             "path": "/models"}
            """#
        let spec = try FaultSpec(json: Data(json.utf8))
        let expected = try FaultSpec(
            parsing: "latency=50ms,latency-jitter=20ms,unavailable=0.1,rate-limit=0.05,"
                + "retry-after=2s,drop=0.02,train-fail=1,seed=18446744073709551615,only=GET,path=/models")
        #expect(spec == expected)
    }

    @Test func jsonConfigErrors() {
        let cases: [(String, String)] = [
            (#"["latency"]"#, "must hold a JSON object"),
            ("not json", "must hold a JSON object"),
            (#"{"latency": true}"#, "latency in fault config must be a string or a number"),
            (#"{"only": ["GET"]}"#, "only in fault config must be a string or a number"),
            (#"{"latency": 50}"#, "latency must be a duration"),
            (#"{"bogus": 1}"#, "unknown key \"bogus\""),
            (#"{"unavailable": 0.7, "drop": 0.7}"#, "may not exceed 1"),
        ]
        for (json, piece) in cases {
            let error = #expect(throws: FaultSpecError.self, "\(json)") { try FaultSpec(json: Data(json.utf8)) }
            #expect(error?.message.contains(piece) == true, "\(error?.message ?? "")")
        }
    }

    @Test func loadReadsAFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("faults-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("faults.json")
        try Data(#"{"latency":"50ms","unavailable":0.1}"#.utf8).write(to: file)
        let spec = try FaultSpec.load(path: file.path)
        #expect(spec.latency == .milliseconds(50))
        #expect(spec.unavailable == 0.1)

        let missing = directory.appendingPathComponent("missing.json").path
        let error = #expect(throws: FaultSpecError.self) { try FaultSpec.load(path: missing) }
        #expect(error?.message.contains("cannot read fault config \(missing)") == true)
    }
}
