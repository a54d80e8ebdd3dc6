package import AutoMLWire

/// An error the local backend answers with. It renders itself as the v1 error envelope
/// (`{"error": {"code": 404, "message": …, "status": "NOT_FOUND", "details": [ErrorInfo]}}`).
package struct ServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    package var code: RPCCode
    package var message: String
    /// The `ErrorInfo.reason`, such as `RESOURCE_NOT_FOUND`.
    package var reason: String
    /// Extra headers, such as `Retry-After`.
    package var headers: [String: String]
    /// The `ErrorInfo.domain`: the API that answers (`aiplatform.googleapis.com` on the Vertex AI surface).
    package var domain = "automl.googleapis.com"

    package init(_ code: RPCCode, _ message: String, reason: String? = nil, headers: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.reason = reason ?? code.name
        self.headers = headers
    }

    package var description: String { "\(code.name): \(message)" }

    /// The HTTP status of the envelope.
    package var httpStatus: Int { code.httpStatus }

    /// The error envelope.
    package var envelope: ErrorEnvelope {
        var info = ErrorInfo()
        info.reason = reason
        info.domain = domain
        var body = ErrorEnvelope.Body()
        body.code = Int32(httpStatus)
        body.message = message
        body.status = code.name
        body.details = [ProtoAny(info)]
        return ErrorEnvelope(error: body)
    }

    /// The same error as an operation's `google.rpc.Status` (numeric rpc code, no status name).
    package var status: Status {
        Status(code: code, message: message)
    }

    static func invalidArgument(_ message: String) -> ServiceError { ServiceError(.invalidArgument, message) }
    static func failedPrecondition(_ message: String) -> ServiceError { ServiceError(.failedPrecondition, message) }

    static func notFound(_ kind: String, _ name: String) -> ServiceError {
        ServiceError(.notFound, "\(kind) \(name) does not exist.", reason: "RESOURCE_NOT_FOUND")
    }
}
