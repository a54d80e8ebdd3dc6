/// `google.rpc.Status`: an operation's error, or a partial failure. ``code`` is the numeric rpc code
/// (5 for NOT_FOUND), not an HTTP status.
public struct Status: ProtoMessage {
    public static let protoMessageName = "google.rpc.Status"
    public var code: Int32 = 0
    public var message = ""
    public var details: [ProtoAny] = []
    public var unknownFields: JSONObject = [:]
    public init() {}

    public init(code: RPCCode, message: String, details: [ProtoAny] = []) {
        self.code = code.rawValue
        self.message = message
        self.details = details
    }

    public static let protoFields: [ProtoField<Status>] = [
        .field("code", \.code),
        .field("message", \.message),
        .field("details", \.details),
    ]

    /// The canonical code.
    public var rpcCode: RPCCode { RPCCode(rawValue: code) }
}

/// The JSON error envelope of an HTTP response: `{"error": {"code": 404, "status": "NOT_FOUND", …}}`.
/// Here ``Body/code`` is the HTTP status and ``Body/status`` the canonical code's name.
public struct ErrorEnvelope: ProtoMessage {
    public static let protoMessageName = "google.rpc.ErrorEnvelope"
    public var error: Body?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public init(error: Body) { self.error = error }
    public static let protoFields: [ProtoField<Self>] = [.field("error", \.error)]

    /// The `error` member.
    public struct Body: ProtoMessage {
        public static let protoMessageName = "google.rpc.ErrorEnvelope.Body"
        public var code: Int32 = 0
        public var message = ""
        public var status = ""
        public var details: [ProtoAny] = []
        public var unknownFields: JSONObject = [:]
        public init() {}
        public static let protoFields: [ProtoField<Self>] = [
            .field("code", \.code),
            .field("message", \.message),
            .field("status", \.status),
            .field("details", \.details),
        ]
    }
}

/// `google.rpc.ErrorInfo`: the machine-readable reason of an error.
public struct ErrorInfo: ProtoMessage {
    public static let protoMessageName = "google.rpc.ErrorInfo"
    public var reason = ""
    public var domain = ""
    public var metadata: [String: String] = [:]
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [
        .field("reason", \.reason),
        .field("domain", \.domain),
        .field("metadata", \.metadata),
    ]
}

/// `google.rpc.RetryInfo`: how long to wait before retrying.
public struct RetryInfo: ProtoMessage {
    public static let protoMessageName = "google.rpc.RetryInfo"
    public var retryDelay: ProtoDuration?
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [.field("retryDelay", \.retryDelay)]
}

/// `google.rpc.BadRequest`: which request fields were invalid and why.
public struct BadRequest: ProtoMessage {
    public static let protoMessageName = "google.rpc.BadRequest"
    public var fieldViolations: [FieldViolation] = []
    public var unknownFields: JSONObject = [:]
    public init() {}
    public static let protoFields: [ProtoField<Self>] = [.field("fieldViolations", \.fieldViolations)]

    /// One invalid field.
    public struct FieldViolation: ProtoMessage {
        public static let protoMessageName = "google.rpc.BadRequest.FieldViolation"
        public var field = ""
        public var description = ""
        public var unknownFields: JSONObject = [:]
        public init() {}
        public static let protoFields: [ProtoField<Self>] = [
            .field("field", \.field),
            .field("description", \.description),
        ]
    }
}
