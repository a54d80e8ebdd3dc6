/// A canonical `google.rpc.Code`. A struct rather than a closed enum, so a code this client does not
/// know still reads and prints.
public struct RPCCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let ok = RPCCode(rawValue: 0)
    public static let cancelled = RPCCode(rawValue: 1)
    public static let unknown = RPCCode(rawValue: 2)
    public static let invalidArgument = RPCCode(rawValue: 3)
    public static let deadlineExceeded = RPCCode(rawValue: 4)
    public static let notFound = RPCCode(rawValue: 5)
    public static let alreadyExists = RPCCode(rawValue: 6)
    public static let permissionDenied = RPCCode(rawValue: 7)
    public static let resourceExhausted = RPCCode(rawValue: 8)
    public static let failedPrecondition = RPCCode(rawValue: 9)
    public static let aborted = RPCCode(rawValue: 10)
    public static let outOfRange = RPCCode(rawValue: 11)
    public static let unimplemented = RPCCode(rawValue: 12)
    public static let `internal` = RPCCode(rawValue: 13)
    public static let unavailable = RPCCode(rawValue: 14)
    public static let dataLoss = RPCCode(rawValue: 15)
    public static let unauthenticated = RPCCode(rawValue: 16)

    private static let table: [(name: String, http: Int)] = [
        ("OK", 200), ("CANCELLED", 499), ("UNKNOWN", 500), ("INVALID_ARGUMENT", 400), ("DEADLINE_EXCEEDED", 504),
        ("NOT_FOUND", 404), ("ALREADY_EXISTS", 409), ("PERMISSION_DENIED", 403), ("RESOURCE_EXHAUSTED", 429),
        ("FAILED_PRECONDITION", 400), ("ABORTED", 409), ("OUT_OF_RANGE", 400), ("UNIMPLEMENTED", 501),
        ("INTERNAL", 500), ("UNAVAILABLE", 503), ("DATA_LOSS", 500), ("UNAUTHENTICATED", 401),
    ]

    /// The code with this name (`NOT_FOUND`), or nil when there is none.
    public init?(name: String) {
        guard let index = Self.table.firstIndex(where: { $0.name == name }) else { return nil }
        rawValue = Int32(index)
    }

    /// The code an HTTP status stands for when a response names no code (google.rpc's mapping).
    public init(httpStatus: Int) {
        switch httpStatus {
        case 200..<300: self = .ok
        case 400: self = .invalidArgument
        case 401: self = .unauthenticated
        case 403: self = .permissionDenied
        case 404: self = .notFound
        case 409: self = .aborted
        case 416: self = .outOfRange
        case 429: self = .resourceExhausted
        case 499: self = .cancelled
        case 501: self = .unimplemented
        case 502, 503: self = .unavailable
        case 504: self = .deadlineExceeded
        case 400..<500: self = .failedPrecondition
        default: self = .unknown
        }
    }

    /// The name, such as `NOT_FOUND`, or `CODE_<n>` for a code this client does not know.
    public var name: String {
        Self.table.indices.contains(Int(rawValue)) ? Self.table[Int(rawValue)].name : "CODE_\(rawValue)"
    }

    /// The HTTP status that goes with the code.
    public var httpStatus: Int {
        Self.table.indices.contains(Int(rawValue)) ? Self.table[Int(rawValue)].http : 500
    }

    public var description: String { name }
}
