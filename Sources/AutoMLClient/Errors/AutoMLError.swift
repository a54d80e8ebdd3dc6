public import AutoMLWire
public import Foundation

/// An error the service answered with: an HTTP error response, or an operation that finished with an error.
///
/// It carries the canonical ``code`` (read from the response's `status`, or from the HTTP status when the
/// body names none), the HTTP status when there was one, the message and the `google.rpc` details.
/// Problems reaching the service at all are ``TransportError``s instead.
public struct AutoMLError: Error, Sendable, Hashable {
    /// The canonical code.
    public var code: RPCCode
    /// The HTTP status of the response; nil for an error reported inside a finished operation.
    public var httpStatus: Int?
    /// The service's message.
    public var message: String
    /// `google.rpc` details, such as `ErrorInfo` or `BadRequest`.
    public var details: [ProtoAny]
    /// The wait the service asked for with `Retry-After`, when it did.
    public var retryAfter: Duration?

    public init(
        code: RPCCode, httpStatus: Int? = nil, message: String, details: [ProtoAny] = [],
        retryAfter: Duration? = nil
    ) {
        self.code = code
        self.httpStatus = httpStatus
        self.message = message
        self.details = details
        self.retryAfter = retryAfter
    }

    /// The error of a finished operation (`Operation.error`), whose code is the numeric rpc code.
    public init(operationError status: Status) {
        self.init(code: status.rpcCode, message: status.message, details: status.details)
    }

    /// The first `ErrorInfo` detail, when there is one.
    public var errorInfo: ErrorInfo? {
        details.lazy.compactMap { try? $0.unpack(ErrorInfo.self) }.first
    }

    /// The field violations of a `BadRequest` detail.
    public var fieldViolations: [BadRequest.FieldViolation] {
        details.compactMap { try? $0.unpack(BadRequest.self) }.flatMap(\.fieldViolations)
    }
}

extension AutoMLError {
    /// Reads an HTTP error response: the JSON envelope when there is one, or the text of the body.
    init(httpStatus: Int, body: Data, retryAfter: Duration?) {
        if let envelope = try? ErrorEnvelope(jsonData: body), let error = envelope.error {
            let code = RPCCode(name: error.status) ?? RPCCode(httpStatus: httpStatus)
            let message = error.message.isEmpty ? "HTTP \(httpStatus)" : error.message
            self.init(
                code: code, httpStatus: httpStatus, message: message, details: error.details,
                retryAfter: retryAfter)
            return
        }
        let text = String(decoding: body.prefix(512), as: UTF8.self)
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        let message = text.isEmpty ? "HTTP \(httpStatus) with an empty body" : "HTTP \(httpStatus): \(text)"
        self.init(
            code: RPCCode(httpStatus: httpStatus), httpStatus: httpStatus, message: message,
            retryAfter: retryAfter)
    }
}

extension AutoMLError: CustomStringConvertible, LocalizedError {
    /// `NOT_FOUND (HTTP 404): Model ICN1 does not exist`.
    public var description: String {
        let status = httpStatus.map { " (HTTP \($0))" } ?? ""
        return "\(code.name)\(status): \(message)"
    }

    public var errorDescription: String? { description }
}
