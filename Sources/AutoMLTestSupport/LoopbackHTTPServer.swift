package import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A request as the loopback server received it.
package struct RecordedRequest: Sendable {
    package var method: String
    /// The path and query as sent, such as `/v1/projects/p/locations/l/models?pageSize=2`.
    package var uri: String
    package var headers: [(name: String, value: String)]
    package var body: Data
    /// The client's port, which tells the connections apart: requests with the same one came on one connection.
    package var connection: Int = 0

    /// The path without the query.
    package var path: String { String(uri.split(separator: "?", maxSplits: 1).first ?? "") }

    /// The query parameters, percent-decoded.
    package var query: [String: String] {
        guard let queryStart = uri.firstIndex(of: "?") else { return [:] }
        var result: [String: String] = [:]
        for pair in uri[uri.index(after: queryStart)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            result[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return result
    }

    /// The first value of a header, any case.
    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body as text.
    package var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// What the loopback server does with a request.
package enum LoopbackResponse: Sendable {
    /// Answers with a status, headers and a body.
    case reply(status: Int, headers: [(String, String)], body: Data)
    /// Closes the connection without answering, as a crashed or overloaded server might.
    case dropConnection
    /// Answers as `.reply` does and then closes the connection without saying so (as a server that stops does).
    case replyThenClose(status: Int, body: Data)

    /// A JSON answer from text.
    package static func json(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> LoopbackResponse {
        .reply(status: status, headers: [("Content-Type", "application/json")] + headers, body: Data(text.utf8))
    }

    /// A plain-text or HTML answer.
    package static func text(_ status: Int, _ text: String, contentType: String = "text/html") -> LoopbackResponse {
        .reply(status: status, headers: [("Content-Type", contentType)], body: Data(text.utf8))
    }
}

/// A real HTTP/1.1 server on 127.0.0.1 and a free port, for tests: every request is recorded and answered
/// by the test's handler.
package final class LoopbackHTTPServer: Sendable {
    package let port: Int
    private let recorded: Mutex<[RecordedRequest]>
    private let channel: any Channel

    /// The base URL, `http://127.0.0.1:PORT`.
    package var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in order.
    package var requests: [RecordedRequest] { recorded.withLock { $0 } }

    private init(port: Int, channel: any Channel) {
        self.port = port
        self.channel = channel
        self.recorded = Mutex([])
    }

    /// Starts a server whose handler answers each request.
    package static func start(
        handler: @escaping @Sendable (RecordedRequest) async -> LoopbackResponse
    ) async throws -> LoopbackHTTPServer {
        let box = RecordingBox()
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(RequestHandler(handler: handler, record: box.append))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else {
            try await channel.close()
            throw TransportTestError("the loopback server has no port")
        }
        let server = LoopbackHTTPServer(port: port, channel: channel)
        box.server.withLock { $0 = server }
        return server
    }

    fileprivate func record(_ request: RecordedRequest) {
        recorded.withLock { $0.append(request) }
    }

    /// Stops listening.
    package func shutdown() async {
        try? await channel.close()
    }
}

/// Runs `body` with a started server and shuts it down afterwards, whatever happens.
package func withLoopbackServer<Result>(
    handler: @escaping @Sendable (RecordedRequest) async -> LoopbackResponse,
    _ body: (LoopbackHTTPServer) async throws -> Result
) async throws -> Result {
    let server = try await LoopbackHTTPServer.start(handler: handler)
    do {
        let result = try await body(server)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}

/// A port on 127.0.0.1 that refuses connections for as long as the value lives: a socket is bound to it but
/// never listens, so connects fail at once and no other test's server can take the port meanwhile.
package final class RefusingLoopbackPort: Sendable {
    package let port: Int
    private let descriptor: Int32

    package init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TransportTestError("cannot create a socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw TransportTestError("cannot bind a loopback port")
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(descriptor)
    }
}

/// A failure of the test support itself.
package struct TransportTestError: Error, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}

/// Lets the channel initializer record into a server that exists only after bind returns.
private final class RecordingBox: Sendable {
    let server = Mutex<LoopbackHTTPServer?>(nil)

    @Sendable func append(_ request: RecordedRequest) {
        if let server = server.withLock({ $0 }) {
            server.record(request)
        }
    }
}

/// Collects one request at a time and writes the handler's answer.
private final class RequestHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let handler: @Sendable (RecordedRequest) async -> LoopbackResponse
    private let record: @Sendable (RecordedRequest) -> Void
    // Touched only on the channel's event loop.
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(
        handler: @escaping @Sendable (RecordedRequest) async -> LoopbackResponse,
        record: @escaping @Sendable (RecordedRequest) -> Void
    ) {
        self.handler = handler
        self.record = record
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            let request = RecordedRequest(
                method: head.method.rawValue, uri: head.uri,
                headers: head.headers.map { ($0.name, $0.value) },
                body: Data(body.readableBytesView), connection: context.channel.remoteAddress?.port ?? 0)
            record(request)
            let handler = handler
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            let keepAlive = head.isKeepAlive
            let version = head.version
            let promise = context.eventLoop.makePromise(of: LoopbackResponse.self)
            promise.completeWithTask { await handler(request) }
            promise.futureResult.whenSuccess { response in
                let context = loopBound.value
                switch response {
                case .dropConnection:
                    context.close(promise: nil)
                case .replyThenClose(let status, let bodyData):
                    var responseHead = HTTPResponseHead(
                        version: version, status: HTTPResponseStatus(statusCode: status))
                    responseHead.headers.add(name: "Content-Length", value: String(bodyData.count))
                    context.write(NIOAny(HTTPServerResponsePart.head(responseHead)), promise: nil)
                    context.write(
                        NIOAny(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: bodyData)))), promise: nil)
                    context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil))).whenComplete { _ in
                        loopBound.value.close(promise: nil)
                    }
                case .reply(let status, let headers, let bodyData):
                    var responseHead = HTTPResponseHead(
                        version: version, status: HTTPResponseStatus(statusCode: status))
                    for (name, value) in headers { responseHead.headers.add(name: name, value: value) }
                    responseHead.headers.replaceOrAdd(name: "Content-Length", value: String(bodyData.count))
                    if !keepAlive { responseHead.headers.replaceOrAdd(name: "Connection", value: "close") }
                    context.write(NIOAny(HTTPServerResponsePart.head(responseHead)), promise: nil)
                    context.write(
                        NIOAny(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: bodyData)))),
                        promise: nil)
                    let done = context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)))
                    if !keepAlive { done.whenComplete { _ in loopBound.value.close(promise: nil) } }
                }
            }
        }
    }
}
