import NIOCore

/// The whole pipeline of a connection past the limit when every other one is busy: it answers 503 with the error
/// envelope and `Retry-After`, and closes.
final class ConnectionRefusalHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let limit: Int
    /// Whether the answer is out (the channel may be active when the handler is added, and be told so again).
    private var answered = false

    init(limit: Int) {
        self.limit = limit
    }

    func channelActive(context: ChannelHandlerContext) {
        guard !answered else { return }
        answered = true
        // Closing with the client's request unread would reset the connection and lose the answer: the sending
        // side closes after the answer, what the client sends is read and dropped, and the connection closes when
        // the client closes its side, or after a second.
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(RawErrorResponse.tooManyConnections(limit: limit)))
            .whenComplete { _ in
                channel.close(mode: .output, promise: nil)
                channel.eventLoop.scheduleTask(in: .seconds(1)) { channel.close(promise: nil) }
            }
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { channelActive(context: context) }
    }

    /// Whatever the client sends is dropped.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
}
