import NIOCore

/// The first handler of a connection's pipeline: it sees the raw bytes, and keeps the connection's clock.
///
/// - Idle (waiting for a request): closed after the idle timeout, silently, as HTTP servers do.
/// - A request arriving: its head must be whole within the header timeout of its first byte, and its body may not
///   pause longer than that; otherwise the client gets 408 with the error envelope and the connection closes.
/// - While the answer is being made there is no limit (a long poll such as `operations:wait` bounds itself).
///
/// The HTTP handler further down tells it when a head has arrived, a request is whole and an answer is written.
/// Everything here runs on the channel's event loop.
final class ConnectionDeadlineHandler: ChannelDuplexHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Phase {
        /// Waiting for a request, or receiving one (its head, its body).
        case idle, head, body
        /// Reading the rest of a body already refused (its answer is out): closed quietly when it stops coming.
        case draining
        /// Making the answer.
        case serving
    }

    private let limits: ConnectionLimits
    private let registry: ConnectionRegistry
    private var phase = Phase.idle
    /// What the registry was last told: whether the connection waits for its client.
    private var reportedWaiting = true
    private var timer: Scheduled<Void>?
    private var context: ChannelHandlerContext?

    init(limits: ConnectionLimits, registry: ConnectionRegistry) {
        self.limits = limits
        self.registry = registry
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { enter(.idle) }
    }

    func channelActive(context: ChannelHandlerContext) {
        enter(.idle)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch phase {
        case .idle: enter(.head)
        case .body, .draining: schedule(limits.headerTimeout)  // a pause in a body counts from its last bytes
        case .head, .serving: break
        }
        context.fireChannelRead(data)
    }

    // MARK: Told by the HTTP handler

    /// A request's head has been read.
    func headArrived() { enter(.body) }

    /// The request was refused and answered before its body ended; the rest of the body is read and dropped.
    func refusedBody() { enter(.draining) }

    /// A whole request has been read and is being answered.
    func requestArrived() { enter(.serving) }

    /// An answer has been written; the connection waits for the next request.
    func answerWritten() { enter(.idle) }

    // MARK: The clock

    private func enter(_ next: Phase) {
        phase = next
        switch next {
        case .idle: schedule(limits.idleTimeout)
        case .head, .body, .draining: schedule(limits.headerTimeout)
        case .serving:
            timer?.cancel()
            timer = nil
        }
        // The registry (one lock for all connections) hears only of changes, and of each new wait for a request.
        let waiting = next == .idle || next == .head
        if waiting != reportedWaiting || next == .idle, let channel = context?.channel {
            registry.mark(channel, waiting: waiting)
            reportedWaiting = waiting
        }
    }

    private func schedule(_ timeout: Duration) {
        timer?.cancel()
        guard let context else { return }
        let expected = phase
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        timer = context.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) { [self] in
            expire(expected)
        }
    }

    private func expire(_ expected: Phase) {
        guard let context, phase == expected else { return }
        timer = nil
        switch phase {
        case .idle, .draining:
            context.close(promise: nil)
        case .head, .body:
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(RawErrorResponse.requestTimeout(after: limits.headerTimeout)))
                .whenComplete { _ in channel.close(promise: nil) }
        case .serving:
            break
        }
    }
}
