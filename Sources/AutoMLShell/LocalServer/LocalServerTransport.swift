package import AutoMLClient
import Foundation

/// Sends the client's requests to the local server with its token, wherever it listens now: a request that finds
/// no server (it stopped when idle, or was killed) starts it again and is sent once more, and one refused its
/// token (the server was started anew by another command) is sent once more with the new one. Neither can have
/// reached a server that acted on it, so the retry is safe for every call, creates included.
package struct LocalServerTransport: HTTPTransport {
    private let inner: any HTTPTransport
    private let connection: LocalServerConnection

    package init(inner: any HTTPTransport, connection: LocalServerConnection) {
        self.inner = inner
        self.connection = connection
    }

    package func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let address = try await connection.address()
        let response: HTTPResponse
        do {
            response = try await inner.send(Self.directed(request, to: address), timeout: timeout)
        } catch let error as TransportError where error.kind == .connectFailed && !error.requestMayHaveBeenSent {
            let next = try await connection.reconnect(after: address)
            return try await inner.send(Self.directed(request, to: next), timeout: timeout)
        }
        guard response.status == 401 else { return response }
        let next = try await connection.reconnect(after: address)
        guard next != address else { return response }
        return try await inner.send(Self.directed(request, to: next), timeout: timeout)
    }

    /// The request with the server's scheme, host and port and its token.
    static func directed(_ request: HTTPRequest, to address: LocalServerAddress) -> HTTPRequest {
        var directed = request
        if let schemeEnd = request.url.range(of: "://") {
            let rest = request.url[schemeEnd.upperBound...]
            let path = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
            directed.url = address.url + path
        }
        directed.headers.removeAll { $0.name.caseInsensitiveCompare("Authorization") == .orderedSame }
        directed.headers.append((name: "Authorization", value: "Bearer \(address.token)"))
        return directed
    }
}
