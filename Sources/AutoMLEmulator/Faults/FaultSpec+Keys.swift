extension FaultSpec {
    /// A key of a fault spec, spelled as in `--faults` and in the JSON config.
    enum Key: String, Sendable, Hashable, CaseIterable {
        case latency
        case latencyJitter = "latency-jitter"
        case unavailable
        case rateLimit = "rate-limit"
        case retryAfter = "retry-after"
        case drop
        case dropAfter = "drop-after"
        case trainFail = "train-fail"
        case seed
        case only
        case path

        /// The key with the shape of its value: `latency=DURATION`.
        var usage: String {
            switch self {
            case .latency, .latencyJitter, .retryAfter: "\(rawValue)=DURATION"
            case .unavailable, .rateLimit, .drop, .dropAfter, .trainFail: "\(rawValue)=SHARE"
            case .seed: "seed=INTEGER"
            case .only: "only=METHOD[|METHOD…]"
            case .path: "path=SUBSTRING"
            }
        }
    }

    /// HTTP methods `only` accepts.
    static let knownMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]

    /// The longest duration a spec may name, so a typo cannot stall the emulator for days.
    static let longestDuration: Duration = .seconds(3600)

    /// Sets the field `keyText` names from `value`, refusing unknown and repeated keys.
    mutating func apply(key keyText: String, value: String, seen: inout Set<Key>) throws(FaultSpecError) {
        guard let key = Key(rawValue: keyText) else {
            throw FaultSpecError("unknown key \(FaultSpecError.quoted(keyText))")
        }
        guard seen.insert(key).inserted else { throw FaultSpecError("\(key.rawValue) is given twice") }
        switch key {
        case .latency: latency = try Self.duration(value, key: key)
        case .latencyJitter: latencyJitter = try Self.duration(value, key: key)
        case .retryAfter: retryAfter = try Self.duration(value, key: key)
        case .unavailable: unavailable = try Self.share(value, key: key)
        case .rateLimit: rateLimit = try Self.share(value, key: key)
        case .drop: drop = try Self.share(value, key: key)
        case .dropAfter: dropAfter = try Self.share(value, key: key)
        case .trainFail: trainFail = try Self.share(value, key: key)
        case .seed:
            guard let number = UInt64(value) else {
                throw FaultSpecError(
                    "seed must be a whole number from 0 to \(UInt64.max), "
                        + "not \(FaultSpecError.quoted(value))")
            }
            seed = number
        case .only: methods = try Self.methods(value)
        case .path:
            guard !value.isEmpty else { throw FaultSpecError("path needs a substring, as in path=/models") }
            pathSubstring = value
        }
    }

    /// `50ms`, `2s`, `1.5s`, or a bare `0`.
    static func duration(_ text: String, key: Key) throws(FaultSpecError) -> Duration {
        let problem = "\(key.rawValue) must be a duration such as 50ms or 2s, not \(FaultSpecError.quoted(text))"
        if text == "0" { return .zero }
        let number: Substring
        let nanosecondsPerUnit: Double
        if text.hasSuffix("ms") {
            (number, nanosecondsPerUnit) = (text.dropLast(2), 1e6)
        } else if text.hasSuffix("s") {
            (number, nanosecondsPerUnit) = (text.dropLast(1), 1e9)
        } else {
            throw FaultSpecError(problem)
        }
        guard let value = decimal(number), value >= 0 else { throw FaultSpecError(problem) }
        let nanoseconds = value * nanosecondsPerUnit
        guard nanoseconds <= 3600e9 else {
            throw FaultSpecError("\(key.rawValue) must be at most 3600s, not \(FaultSpecError.quoted(text))")
        }
        return .nanoseconds(Int64(nanoseconds.rounded()))
    }

    /// A number from 0 to 1.
    static func share(_ text: String, key: Key) throws(FaultSpecError) -> Double {
        guard let value = decimal(Substring(text)), (0...1).contains(value) else {
            throw FaultSpecError("\(key.rawValue) must be a share from 0 to 1, not \(FaultSpecError.quoted(text))")
        }
        return value
    }

    /// `GET` or `GET|POST`, in upper case.
    static func methods(_ text: String) throws(FaultSpecError) -> [String] {
        var methods: [String] = []
        for part in text.split(separator: "|", omittingEmptySubsequences: false) {
            let method = part.uppercased()
            guard knownMethods.contains(method) else {
                throw FaultSpecError(
                    "only takes HTTP methods (\(knownMethods.joined(separator: ", "))) "
                        + "joined by |, not \(FaultSpecError.quoted(text))")
            }
            if !methods.contains(method) { methods.append(method) }
        }
        return methods
    }

    /// A finite decimal number written with digits, `.`, and optionally an exponent; no `inf`, `nan` or hex.
    private static func decimal(_ text: Substring) -> Double? {
        guard !text.isEmpty, text.first?.isNumber == true || text.first == ".",
            text.allSatisfy({ $0.isASCII && ($0.isNumber || ".eE+-".contains($0)) }),
            let value = Double(text), value.isFinite
        else { return nil }
        return value
    }
}
