import AutoMLWire
import NIOCore

/// A whole HTTP/1.1 error answer as bytes, with the v1 error envelope and `Connection: close`, for the moments when
/// no request was read and the HTTP encoder has nothing to answer (a head that never ended, a connection past the
/// limit): written straight to the socket, ahead of the HTTP handlers.
enum RawErrorResponse {
    /// `408 Request Timeout`: the request did not arrive in time.
    static func requestTimeout(after timeout: Duration) -> ByteBuffer {
        response(
            status: 408, reason: "Request Timeout", code: .deadlineExceeded,
            message: "The request did not arrive within \(seconds(timeout)) s; the connection is closed.",
            headers: [])
    }

    /// `503 Service Unavailable`: every connection the server allows is busy.
    static func tooManyConnections(limit: Int) -> ByteBuffer {
        response(
            status: 503, reason: "Service Unavailable", code: .unavailable,
            message: "The local backend has \(limit) connections open, all busy; try again in a moment.",
            headers: [("Retry-After", "1")])
    }

    private static func response(
        status: Int, reason: String, code: RPCCode, message: String, headers: [(String, String)]
    ) -> ByteBuffer {
        var body = ErrorEnvelope.Body()
        body.code = Int32(status)
        body.message = message
        body.status = code.name
        let json = ErrorEnvelope(error: body).jsonData()
        var head = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: application/json; charset=UTF-8\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(json.count)\r\nConnection: close\r\n\r\n"
        var buffer = ByteBuffer(string: head)
        buffer.writeBytes(json)
        return buffer
    }

    private static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        return fraction == 0 ? "\(whole)" : String(Double(whole) + Double(fraction) / 1e18)
    }
}
