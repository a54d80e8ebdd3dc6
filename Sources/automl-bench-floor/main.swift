// The floor for the emulator's HTTP benchmark: the same SwiftNIO HTTP/1.1 pipeline as `automl emulator`,
// answering each configured path with fixed bytes from memory. Whatever the emulator costs above this is
// routing, SQLite and JSON. Usage: automl-bench-floor PORT PATH=FILE [PATH=FILE...]
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

let arguments = CommandLine.arguments.dropFirst()
guard let portText = arguments.first, let port = Int(portText) else {
    FileHandle.standardError.write(Data("usage: automl-bench-floor PORT PATH=FILE...\n".utf8))
    exit(2)
}
var routes: [String: ByteBuffer] = [:]
for pair in arguments.dropFirst() {
    // Split at the last "=": the path may hold a query with its own (`?pageSize=1000`).
    guard let separator = pair.lastIndex(of: "="),
        let data = FileManager.default.contents(atPath: String(pair[pair.index(after: separator)...]))
    else {
        FileHandle.standardError.write(Data("cannot read \(pair)\n".utf8))
        exit(2)
    }
    routes[String(pair[..<separator])] = ByteBuffer(bytes: data)
}
let table = routes

final class FloorHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let head) = unwrapInboundIn(data) else {
            if case .end = unwrapInboundIn(data) { context.flush() }
            return
        }
        let body = table[head.uri] ?? ByteBuffer(string: "{}")
        var response = HTTPResponseHead(version: head.version, status: table[head.uri] == nil ? .notFound : .ok)
        response.headers.add(name: "Content-Type", value: "application/json; charset=UTF-8")
        response.headers.add(name: "Content-Length", value: String(body.readableBytes))
        context.write(wrapOutboundOut(.head(response)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.write(wrapOutboundOut(.end(nil)), promise: nil)
    }
}

let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
    .serverChannelOption(.backlog, value: 256)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    .childChannelInitializer { channel in
        channel.pipeline.configureHTTPServerPipeline().flatMap { channel.pipeline.addHandler(FloorHandler()) }
    }
    .bind(host: "127.0.0.1", port: port).wait()
// Unbuffered: the script waits for this line.
FileHandle.standardOutput.write(
    Data("automl-bench-floor listening on http://127.0.0.1:\(channel.localAddress?.port ?? port)\n".utf8))
try channel.closeFuture.wait()
