import AutoMLWire
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// HTTP/1.1 over a plain socket to a server on this machine (the local server `automl` starts): keep-alive
/// connections kept in a pool and reused (several requests at once each take their own), no TLS, no proxy, no
/// redirects, response bodies by `Content-Length` or to the end of the connection. It leaves out everything a loopback call does not need, which is most of what a one-shot
/// command spent starting AsyncHTTPClient and its event loops (docs/benchmarks.md, "Client"). Other endpoints use
/// ``AsyncHTTPClientTransport``.
///
/// Each exchange runs on a Dispatch thread of its own, so its blocking calls never hold a thread Swift concurrency or
/// another exchange needs.
package struct LoopbackHTTPTransport: HTTPTransport {
    /// The largest response body read; a larger one fails the call rather than filling memory.
    package var maxResponseBytes: Int
    /// Idle connections, shared by the copies of this transport.
    private let pool = LoopbackConnectionPool()

    package init(maxResponseBytes: Int = 256 * 1024 * 1024) {
        self.maxResponseBytes = maxResponseBytes
    }

    package func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let deadline = ContinuousClock.now + timeout
        let limit = maxResponseBytes
        let pool = pool
        return try await withCheckedThrowingContinuation { continuation in
            // A queue of its own, not a global one: its exchange blocks in poll(2), and on Linux the global queues'
            // threads (which Swift concurrency runs on too) are few and not replaced while blocked, so requests sent
            // at once waited for each other. A serial queue gets an overcommitting thread of its own.
            DispatchQueue(label: "automl.loopback-exchange").async {
                continuation.resume(
                    with: Result { try LoopbackExchange(request: request, deadline: deadline, pool: pool).run(limit) })
            }
        }
    }
}

/// One request and its response, over an idle pooled connection or a fresh one.
private struct LoopbackExchange {
    let request: HTTPRequest
    let deadline: ContinuousClock.Instant
    let pool: LoopbackConnectionPool

    /// Thrown when a reused connection turns out closed before any of the answer came back.
    private struct StaleConnection: Error {
        var underlying: TransportError
    }

    func run(_ maxResponseBytes: Int) throws -> HTTPResponse {
        let target = try LoopbackTarget(url: request.url)
        if let socket = pool.take(target.poolKey) {
            do {
                return try exchange(on: socket, target, reused: true, maxResponseBytes)
            } catch let stale as StaleConnection {
                // The server closed the connection while it sat idle. A request it may have read is only sent again
                // when HTTP calls its method idempotent; others go back to the caller, whose retries decide.
                guard ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].contains(request.method) else {
                    throw stale.underlying
                }
            }
        }
        return try exchange(on: try connect(target), target, reused: false, maxResponseBytes)
    }

    /// Sends the request on `socket` and reads the answer; the socket goes back to the pool when the server keeps it
    /// open, and is closed otherwise.
    private func exchange(on socket: Int32, _ target: LoopbackTarget, reused: Bool, _ maxResponseBytes: Int) throws
        -> HTTPResponse
    {
        var keep = false
        defer {
            if keep { pool.put(socket, key: target.poolKey) } else { close(socket) }
        }
        let response: HTTPResponse
        do {
            try write(requestBytes(target), to: socket)
            response = try readResponse(from: socket, maxBodyBytes: maxResponseBytes)
        } catch let error as StaleConnection where !reused {
            throw error.underlying
        }
        keep =
            (response.header("Content-Length") != nil || hasNoBody(response.status))
            && response.header("Connection")?.lowercased().contains("close") != true
        return response
    }

    /// Whether an answer has no body whatever its headers say (RFC 9112, 6.3): to HEAD, and 1xx, 204 and 304.
    private func hasNoBody(_ status: Int) -> Bool {
        request.method == "HEAD" || (100..<200).contains(status) || status == 204 || status == 304
    }

    private func requestBytes(_ target: LoopbackTarget) -> [UInt8] {
        var head = "\(request.method) \(target.pathAndQuery) HTTP/1.1\r\nHost: \(target.hostHeader)\r\n"
        head += "Content-Length: \(request.body?.count ?? 0)\r\n"
        for header in request.headers
        where !["host", "connection", "content-length"].contains(header.name.lowercased()) {
            head += "\(header.name): \(header.value)\r\n"
        }
        return Array((head + "\r\n").utf8) + (request.body.map { [UInt8]($0) } ?? [])
    }

    private func connect(_ target: LoopbackTarget) throws -> Int32 {
        let descriptor = Glibc.socket(target.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw failure(.connectFailed, "cannot make a socket", sent: false) }
        let connected = target.withSocketAddress { Glibc.connect(descriptor, $0, $1) }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw failure(.connectFailed, "could not connect to \(target.hostHeader): \(reason)", sent: false)
        }
        return descriptor
    }

    private func write(_ bytes: [UInt8], to socket: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            try waitUntil(socket, ready: Int16(POLLOUT), sent: false)
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw StaleConnection(
                    underlying: failure(
                        .connectionReset, "the connection closed while sending: \(String(cString: strerror(errno)))",
                        sent: true))
            }
            offset += written
        }
    }

    private func readResponse(from socket: Int32, maxBodyBytes: Int) throws -> HTTPResponse {
        var buffer: [UInt8] = []
        var parsed: (status: Int, headers: [(name: String, value: String)], bodyStart: Int)?
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            if let head = parsed {
                let length = hasNoBody(head.status) ? 0 : Self.contentLength(head.headers)
                if let length, buffer.count - head.bodyStart >= length {
                    return HTTPResponse(
                        status: head.status, headers: head.headers,
                        body: Data(buffer[head.bodyStart..<(head.bodyStart + length)]))
                }
                if buffer.count - head.bodyStart > maxBodyBytes {
                    throw failure(.malformedResponse, "the response is larger than \(maxBodyBytes) bytes", sent: true)
                }
            }
            try waitUntil(socket, ready: Int16(POLLIN), sent: true)
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                let error = failure(
                    .connectionReset, "the connection failed: \(String(cString: strerror(errno)))", sent: true)
                if buffer.isEmpty { throw StaleConnection(underlying: error) }
                throw error
            }
            if count == 0 {
                if buffer.isEmpty {
                    throw StaleConnection(
                        underlying: failure(
                            .connectionReset, "the server closed the connection without an answer", sent: true))
                }
                guard let head = parsed, Self.contentLength(head.headers) == nil else {
                    throw failure(
                        .connectionReset, "the server closed the connection before the whole answer",
                        sent: true)
                }
                return HTTPResponse(status: head.status, headers: head.headers, body: Data(buffer[head.bodyStart...]))
            }
            buffer += chunk[0..<count]
            if parsed == nil { parsed = try Self.head(of: buffer) }
        }
    }

    /// The status and headers once the whole head has arrived; nil before.
    private static func head(of bytes: [UInt8]) throws -> (
        status: Int, headers: [(name: String, value: String)],
        bodyStart: Int
    )? {
        let end: [UInt8] = [13, 10, 13, 10]
        guard let range = bytes.firstRange(of: end) else {
            if bytes.count > 64 << 10 { throw TransportError(.malformedResponse, "the response head is too long") }
            return nil
        }
        let lines = String(decoding: bytes[..<range.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = (lines.first ?? "").split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else {
            throw TransportError(.malformedResponse, "the response does not start with an HTTP/1.x status line")
        }
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        if headers.contains(where: { $0.name.lowercased() == "transfer-encoding" }) {
            throw TransportError(.malformedResponse, "a chunked response from the local server is not expected")
        }
        return (status, headers, range.upperBound)
    }

    private static func contentLength(_ headers: [(name: String, value: String)]) -> Int? {
        headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) }
    }

    /// Waits until the socket can be read or written, or throws when the deadline passes.
    private func waitUntil(_ socket: Int32, ready events: Int16, sent: Bool) throws {
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { throw failure(.timedOut, "no answer before the deadline", sent: sent) }
            var poller = pollfd(fd: socket, events: events, revents: 0)
            let milliseconds = Int32(
                min(
                    left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1,
                    Int64(Int32.max)))
            let result = poll(&poller, 1, milliseconds)
            if result > 0 { return }
            if result < 0, errno != EINTR {
                throw failure(.other, "poll failed: \(String(cString: strerror(errno)))", sent: sent)
            }
        }
    }

    private func failure(_ kind: TransportError.Kind, _ message: String, sent: Bool) -> TransportError {
        TransportError(kind, "\(request.method) \(redactedURL(request.url)): \(message)", requestMayHaveBeenSent: sent)
    }
}

/// Where a loopback URL points: the address family and address, the `Host` header, and the path with its query.
private struct LoopbackTarget {
    var family: Int32
    var address: String
    var port: UInt16
    var hostHeader: String
    var pathAndQuery: String

    init(url: String) throws {
        guard url.hasPrefix("http://") else {
            throw TransportError(
                .invalidRequest, "\(redactedURL(url)) is not an http:// URL", requestMayHaveBeenSent: false)
        }
        let rest = url.dropFirst("http://".count)
        let slash = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = String(rest[..<slash])
        pathAndQuery = slash == rest.endIndex ? "/" : (rest[slash] == "?" ? "/" : "") + String(rest[slash...])
        hostHeader = authority
        var host = authority
        var portText = "80"
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = String(after.dropFirst()) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            portText = String(authority[authority.index(after: colon)...])
        }
        guard let port = UInt16(portText) else {
            throw TransportError(.invalidRequest, "\(authority) has no valid port", requestMayHaveBeenSent: false)
        }
        self.port = port
        switch host {
        case "localhost": (family, address) = (AF_INET, "127.0.0.1")
        case "::1": (family, address) = (AF_INET6, "::1")
        default:
            guard host.hasPrefix("127.") else {
                throw TransportError(
                    .invalidRequest, "\(host) is not a loopback address", requestMayHaveBeenSent: false)
            }
            (family, address) = (AF_INET, host)
        }
    }

    /// The pool's key for connections to this server.
    var poolKey: String { "\(family) \(address) \(port)" }

    func withSocketAddress<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        if family == AF_INET6 {
            var socketAddress = sockaddr_in6()
            socketAddress.sin6_family = sa_family_t(AF_INET6)
            socketAddress.sin6_port = port.bigEndian
            inet_pton(AF_INET6, address, &socketAddress.sin6_addr)
            return withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    body($0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = port.bigEndian
        inet_pton(AF_INET, address, &socketAddress.sin_addr)
        return withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }
}

/// Idle keep-alive connections to loopback servers, by server, for later requests to reuse. A connection the server
/// closed while it sat idle is noticed (it reads as ready) and dropped when taken.
private final class LoopbackConnectionPool: Sendable {
    /// At most this many idle connections are kept per server; more are closed.
    static let maxIdlePerServer = 16
    private let idle = LockedValue<[String: [Int32]]>([:])

    deinit {
        idle.withLock { $0.values.joined().forEach { close($0) } }
    }

    /// An idle connection to the server, still open; nil when there is none.
    func take(_ key: String) -> Int32? {
        while let socket = idle.withLock({ $0[key]?.popLast() }) {
            // An idle connection has nothing to read: if it reads as ready, the server closed it (or broke the
            // protocol), and it is dropped.
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 0) == 0 { return socket }
            close(socket)
        }
        return nil
    }

    func put(_ socket: Int32, key: String) {
        let kept = idle.withLock { connections in
            guard connections[key, default: []].count < Self.maxIdlePerServer else { return false }
            connections[key, default: []].append(socket)
            return true
        }
        if !kept { close(socket) }
    }
}
