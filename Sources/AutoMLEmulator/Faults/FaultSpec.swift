/// Which faults the emulator injects, read from `--faults SPEC` or a JSON config file.
///
/// A spec is comma-separated `key=value` items:
/// `latency=50ms,latency-jitter=20ms,unavailable=0.1,rate-limit=0.05,retry-after=2s,drop=0.02,drop-after=0.02,`
/// `train-fail=1,seed=42`. The shares of `unavailable`, `rate-limit`, `drop` and `drop-after` are exclusive outcomes of one draw per request, so together
/// they may not exceed 1. `only` and `path` narrow the HTTP faults (latency included) to some requests; they never
/// affect `train-fail`.
struct FaultSpec: Sendable, Hashable, CustomStringConvertible {
    /// Fixed delay before every answer.
    var latency: Duration = .zero
    /// Largest extra delay, drawn uniformly from `0...latencyJitter` and added to ``latency``.
    var latencyJitter: Duration = .zero
    /// Share of requests answered `503 UNAVAILABLE`.
    var unavailable: Double = 0
    /// Share of requests answered `429 RESOURCE_EXHAUSTED`.
    var rateLimit: Double = 0
    /// The `Retry-After` sent with a 429.
    var retryAfter: Duration = .seconds(1)
    /// Share of connections closed without an answer, before the request is handled.
    var drop: Double = 0
    /// Share of requests handled (a create creates) whose answer is then lost: the connection closes instead.
    var dropAfter: Double = 0
    /// Share of training runs that fail, ending their operation with `INTERNAL`.
    var trainFail: Double = 0
    /// Seed of the random choices; nil draws a fresh seed per injector.
    var seed: UInt64?
    /// HTTP methods (upper case) the HTTP faults apply to; empty means all.
    var methods: [String] = []
    /// Text a request path must contain for the HTTP faults to apply; nil means every path.
    var pathSubstring: String?

    /// No faults at all.
    static let none = FaultSpec()

    /// A spec with every fault off.
    init() {}

    /// Reads a spec such as `latency=50ms,unavailable=0.1,seed=42`; blank text means no faults.
    init(parsing spec: String) throws(FaultSpecError) {
        self.init()
        var seen: Set<Key> = []
        for item in spec.split(separator: ",") {
            let trimmed = Self.trimmed(item)
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw FaultSpecError("\(FaultSpecError.quoted(trimmed)) is not key=value")
            }
            let key = Self.trimmed(trimmed[..<equals])
            let value = Self.trimmed(trimmed[trimmed.index(after: equals)...])
            try apply(key: key, value: value, seen: &seen)
        }
        try validate()
    }

    /// Whether any HTTP fault (delay, 503, 429 or drop) is configured.
    var injectsHTTPFaults: Bool {
        latency > .zero || latencyJitter > .zero || unavailable > 0 || rateLimit > 0 || drop > 0 || dropAfter > 0
    }

    /// Whether the HTTP faults apply to a request with this method and path.
    func applies(method: String, path: String) -> Bool {
        (methods.isEmpty || methods.contains(method.uppercased()))
            && (pathSubstring.map { path.contains($0) } ?? true)
    }

    /// The spec in canonical form, naming only what differs from the defaults; it parses back to an equal spec.
    var description: String {
        var items: [String] = []
        if latency != .zero { items.append("latency=\(Self.format(latency))") }
        if latencyJitter != .zero { items.append("latency-jitter=\(Self.format(latencyJitter))") }
        if unavailable != 0 { items.append("unavailable=\(unavailable)") }
        if rateLimit != 0 { items.append("rate-limit=\(rateLimit)") }
        if retryAfter != .seconds(1) { items.append("retry-after=\(Self.format(retryAfter))") }
        if drop != 0 { items.append("drop=\(drop)") }
        if dropAfter != 0 { items.append("drop-after=\(dropAfter)") }
        if trainFail != 0 { items.append("train-fail=\(trainFail)") }
        if let seed { items.append("seed=\(seed)") }
        if !methods.isEmpty { items.append("only=\(methods.joined(separator: "|"))") }
        if let pathSubstring { items.append("path=\(pathSubstring)") }
        return items.joined(separator: ",")
    }

    /// Checks what no single item can: the exclusive shares fit in one draw.
    func validate() throws(FaultSpecError) {
        let total = unavailable + rateLimit + drop + dropAfter
        guard total <= 1 + 1e-9 else {
            throw FaultSpecError(
                "unavailable, rate-limit, drop and drop-after add up to \(total); together they may not exceed 1")
        }
    }

    private static func trimmed(_ text: some StringProtocol) -> String {
        String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// `50ms`, `2s`, `1500ms`, `0.5ms`.
    private static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return "\(seconds)s" }
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        if nanoseconds % 1_000_000 == 0 { return "\(nanoseconds / 1_000_000)ms" }
        return "\(Double(nanoseconds) / 1_000_000)ms"
    }
}
