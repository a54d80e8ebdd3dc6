import AutoMLWire
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The local backend on an HTTP/1.1 socket.
package final class EmulatorHTTPServer: Sendable {
    private let channel: any Channel
    private let connections: ConnectionRegistry
    /// The host the server listens on, as given.
    package let host: String
    /// The port the server listens on (the one picked when asked for port 0).
    package let port: Int

    /// The base URL clients use: `http://HOST:PORT`.
    package var baseURL: String {
        host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }

    private init(channel: any Channel, connections: ConnectionRegistry, host: String, port: Int) {
        self.channel = channel
        self.connections = connections
        self.host = host
        self.port = port
    }

    /// Binds `host:port` (port 0 picks a free one) and serves the emulator until ``shutdown()``.
    package static func start(
        emulator: Emulator, host: String = "127.0.0.1", port: Int = 0, limits: ConnectionLimits = ConnectionLimits()
    ) async throws -> EmulatorHTTPServer {
        let connections = ConnectionRegistry(limit: limits.maxConnections)
        let loopbackOnly = host == "::1" || BrowserGuard.isLoopbackHost(host)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                guard connections.admit(channel) else {
                    return channel.pipeline.addHandler(ConnectionRefusalHandler(limit: limits.maxConnections))
                }
                let deadlines = ConnectionDeadlineHandler(limits: limits, registry: connections)
                return channel.pipeline.addHandler(deadlines).flatMap {
                    channel.pipeline.configureHTTPServerPipeline()
                }.flatMap {
                    channel.pipeline.addHandler(
                        EmulatorHTTPHandler(emulator: emulator, listensOnLoopback: loopbackOnly, deadlines: deadlines))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: host, port: port).get()
        } catch let error as IOError {
            let reason =
                error.errnoCode == EADDRINUSE
                ? "the address is in use (another server?)" : String(cString: strerror(error.errnoCode))
            throw EmulatorSetupError("cannot listen on \(host):\(port): \(reason)")
        }
        guard let boundPort = channel.localAddress?.port else {
            try await channel.close()
            throw EmulatorSetupError("the server socket has no port")
        }
        return EmulatorHTTPServer(channel: channel, connections: connections, host: host, port: boundPort)
    }

    /// How many connections are open now.
    package var openConnections: Int { connections.count }

    /// How many of them are busy (a body arriving, an answer being made) rather than waiting for their client.
    package var busyConnections: Int { connections.busyCount }

    /// Stops accepting connections, closes the listening socket and every open connection.
    package func shutdown() async {
        try? await channel.close()
        await connections.closeAll()
    }

    /// Waits until the listening socket closes.
    package func waitUntilClosed() async {
        try? await channel.closeFuture.get()
    }
}

/// Reads one request at a time, applies limits and injected faults, and writes the emulator's answer.
private final class EmulatorHTTPHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let emulator: Emulator
    /// Whether the server listens on a loopback address only (then `Host` must name one).
    private let listensOnLoopback: Bool
    /// The connection's clock, told when a head and a whole request have arrived and an answer is out.
    private let deadlines: ConnectionDeadlineHandler
    // The state below is touched only on the channel's event loop.
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var limit = 0
    /// The decoded path of the request being read (a refusal's envelope names its API).
    private var path = ""
    private var refused = false
    /// Bytes of a refused body read and dropped, so the client can finish sending and read the answer.
    private var drained = 0
    /// The most of a refused body that is read before the connection is simply closed.
    private var drainCap: Int { max(limit * 4, 8 << 20) }

    init(emulator: Emulator, listensOnLoopback: Bool, deadlines: ConnectionDeadlineHandler) {
        self.emulator = emulator
        self.listensOnLoopback = listensOnLoopback
        self.deadlines = deadlines
    }

    /// A malformed request (NIO has already answered 400): the connection cannot be trusted any further.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            deadlines.headArrived()
            self.head = head
            body.clear()
            refused = false
            drained = 0
            let rawPath = String(head.uri.split(separator: "?").first ?? "")
            let path = rawPath.removingPercentEncoding ?? rawPath
            self.path = path
            limit =
                path.hasSuffix(":predict")
                ? emulator.configuration.maxPredictBodyBytes
                : path.hasPrefix("/upload/")
                    ? emulator.configuration.maxUploadBodyBytes : emulator.configuration.maxBodyBytes
            if let length = head.headers.first(name: "Content-Length").flatMap(Int.init), length > limit {
                refuse(context: context, version: head.version, drain: length <= drainCap)
            }
        case .body(let chunk):
            if refused {
                drained += chunk.readableBytes
                if drained > drainCap { context.close(promise: nil) }
                return
            }
            if body.readableBytes + chunk.readableBytes > limit, let head {
                refuse(context: context, version: head.version, drain: true)
                drained = chunk.readableBytes
                return
            }
            var copy = chunk
            body.writeBuffer(&copy)
        case .end:
            if refused {
                // The whole refused body has arrived; the answer is out, so the connection can go.
                context.close(promise: nil)
                return
            }
            guard let head else { return }
            self.head = nil
            deadlines.requestArrived()
            serve(head, body: Data(body.readableBytesView), context: context)
        }
    }

    /// Answers a too-large request with INVALID_ARGUMENT and `Connection: close`. With `drain`, the rest of the
    /// body is read and dropped first (up to a cap), so a client still sending gets the answer rather than a
    /// reset; otherwise the connection closes once the answer is written.
    private func refuse(context: ChannelHandlerContext, version: HTTPVersion, drain: Bool) {
        refused = true
        deadlines.refusedBody()
        let error = ServiceError.invalidArgument("Request payload size exceeds the limit: \(limit) bytes.")
        write(
            emulator.errorResponse(error, for: path), version: version, keepAlive: false, closeAfterWrite: !drain,
            context: context)
    }

    private func serve(_ head: HTTPRequestHead, body: Data, context: ChannelHandlerContext) {
        let fromLoopback = isLoopback(context.channel.remoteAddress)
        let request = EmulatorRequest(
            method: head.method.rawValue, target: head.uri,
            headers: head.headers.map { ($0.name, $0.value) }, body: body,
            fromLoopback: fromLoopback)
        let emulator = emulator
        let keepAlive = head.isKeepAlive
        let version = head.version
        if let refusal = BrowserGuard.refusal(
            of: request, configuration: emulator.configuration,
            listensOnLoopback: listensOnLoopback)
        {
            write(
                emulator.errorResponse(refusal, for: request.path), version: version, keepAlive: keepAlive,
                closeAfterWrite: !keepAlive,
                context: context)
            return
        }
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        let promise = context.eventLoop.makePromise(of: EmulatorResponse?.self)
        promise.completeWithTask {
            let decision = emulator.faults?.decide(method: request.method, path: request.path) ?? .none
            if decision.delay > .zero { try? await Task.sleep(for: decision.delay) }
            switch decision.action {
            case .proceed:
                return await emulator.handle(request)
            case .drop:
                return nil
            case .dropAfterHandling:
                _ = await emulator.handle(request)
                return nil
            case .respond503:
                return emulator.errorResponse(
                    ServiceError(
                        .unavailable,
                        "The service is currently unavailable "
                            + "(injected by --faults)."), for: request.path)
            case .respond429(let retryAfter):
                return emulator.errorResponse(
                    ServiceError(
                        .resourceExhausted, "Quota exceeded (injected by --faults).",
                        headers: ["Retry-After": FaultDecision.retryAfterHeader(for: retryAfter)]), for: request.path)
            }
        }
        promise.futureResult.whenSuccess { [self] response in
            let context = loopBound.value
            guard let response else {
                context.close(promise: nil)
                return
            }
            write(response, version: version, keepAlive: keepAlive, closeAfterWrite: !keepAlive, context: context)
        }
    }

    private func write(
        _ response: EmulatorResponse, version: HTTPVersion, keepAlive: Bool, closeAfterWrite: Bool,
        context: ChannelHandlerContext
    ) {
        var head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: response.status))
        for (name, value) in response.headers { head.headers.add(name: name, value: value) }
        head.headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        if !keepAlive { head.headers.replaceOrAdd(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(
            wrapOutboundOut(.body(.byteBuffer(response.bodyBuffer ?? ByteBuffer(bytes: response.body)))), promise: nil)
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if closeAfterWrite {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        } else if !refused {
            deadlines.answerWritten()
        }
    }
}

/// Whether a peer address is on loopback (127.0.0.0/8 or ::1).
func isLoopback(_ address: SocketAddress?) -> Bool {
    guard let address, let ip = address.ipAddress else { return false }
    if ip == "::1" || ip.hasPrefix("127.") { return true }
    return ip.hasPrefix("::ffff:127.")
}
