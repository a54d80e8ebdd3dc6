import AutoMLEmulator
import Foundation
import NIOCore
import NIOPosix
import Testing

/// Slow, idle and greedy clients cannot starve the others: a head or a body that stops coming is answered 408 and
/// closed, an idle connection is closed, and past the connection limit the longest-waiting connection makes room.
@Suite struct ConnectionLimitsHTTPTests {
    /// A second for a request to arrive once begun; the idle timeout long enough that a loaded machine still sends
    /// its first byte in time.
    static let quick = ConnectionLimits(idleTimeout: .seconds(60), headerTimeout: .seconds(1), maxConnections: 1000)

    @Test(arguments: [
        "GET /v1/projects/p/locations/us-central1/datasets HTTP/1.1\r\nHost: 127.0",  // a head cut short
        "\r\n\r\n",  // only line breaks: never a request line
        "POST /v1/projects/p/locations/us-central1/datasets HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{",
    ])
    func aRequestThatStopsComingIsAnswered408AndClosed(_ bytes: String) async throws {
        try await withServedEmulator(limits: Self.quick) { served in
            let exchange = try await served.exchangeBytes(bytes, patience: .seconds(30))
            #expect(exchange.text.hasPrefix("HTTP/1.1 408 Request Timeout"), "\(exchange.text)")
            #expect(
                exchange.text.contains(#""status": "DEADLINE_EXCEEDED""#)
                    || exchange.text.contains(#""status":"DEADLINE_EXCEEDED""#))
            #expect(exchange.text.contains("Connection: close"))
            #expect(exchange.serverClosed)
            #expect(try await served.raw("GET", served.v1("datasets")).status == 200, "the server goes on")
        }
    }

    @Test func anIdleConnectionIsClosedAfterItsAnswerToo() async throws {
        let limits = ConnectionLimits(idleTimeout: .seconds(2), headerTimeout: .seconds(60), maxConnections: 1000)
        try await withServedEmulator(limits: limits) { served in
            let silent = try await served.exchangeBytes("", patience: .seconds(30))
            #expect(silent.serverClosed && silent.text.isEmpty, "a connection that never sends is closed quietly")
            // On a machine so loaded that the request is not written within the idle timeout, the server rightly
            // closes first: try again.
            var kept = ServedEmulator.ByteExchange(text: "", serverClosed: false)
            for _ in 0..<5 where kept.text.isEmpty {
                kept = try await served.exchangeBytes(
                    "GET \(served.v1("datasets")) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", patience: .seconds(30))
            }
            #expect(kept.text.hasPrefix("HTTP/1.1 200 OK"))
            #expect(kept.serverClosed, "a kept-alive connection is closed once idle")
        }
    }

    @Test func idleConnectionsPastTheLimitMakeRoomForNewOnes() async throws {
        let limits = ConnectionLimits(idleTimeout: .seconds(120), headerTimeout: .seconds(120), maxConnections: 8)
        try await withServedEmulator(limits: limits) { served in
            // Twice the limit of connections that send nothing, or half a head: each new one closes the oldest.
            var held: [any Channel] = []
            defer { for channel in held { channel.close(promise: nil) } }
            for index in 0..<16 {
                held.append(try await Self.connect(served.server.port, sending: index.isMultiple(of: 2) ? "" : "GET /"))
            }
            let answer = try await served.raw("GET", served.v1("datasets"))
            #expect(answer.status == 200)
            #expect(served.server.openConnections <= 8)
        }
    }

    @Test func whenEveryConnectionIsBusyANewOneIsAnswered503() async throws {
        let limits = ConnectionLimits(idleTimeout: .seconds(120), headerTimeout: .seconds(120), maxConnections: 4)
        try await withServedEmulator(limits: limits) { served in
            // Four requests whose bodies are still arriving: busy, so none is closed to make room.
            let head = "POST \(served.v1("datasets")) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"
            var held: [any Channel] = []
            defer { for channel in held { channel.close(promise: nil) } }
            for _ in 0..<4 { held.append(try await Self.connect(served.server.port, sending: head)) }
            for _ in 0..<600 where served.server.busyConnections < 4 { try await Task.sleep(for: .milliseconds(50)) }
            #expect(served.server.busyConnections == 4)
            let refused = try await served.exchangeBytes(
                "GET \(served.v1("datasets")) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", patience: .seconds(30))
            #expect(refused.text.hasPrefix("HTTP/1.1 503 Service Unavailable"), "\(refused.text)")
            #expect(refused.text.contains("Retry-After: 1"))
            #expect(refused.text.contains("UNAVAILABLE"))
            #expect(refused.serverClosed)
            for channel in held { try? await channel.close() }
            held = []
            for _ in 0..<600 where served.server.openConnections > 0 { try await Task.sleep(for: .milliseconds(50)) }
            #expect(try await served.raw("GET", served.v1("datasets")).status == 200, "room again once they close")
        }
    }

    /// A raw connection that has sent `bytes` and stays open (unless the server closes it to make room, which may
    /// happen before the bytes are written).
    static func connect(_ port: Int, sending bytes: String) async throws -> any Channel {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port).get()
        if !bytes.isEmpty { try? await channel.writeAndFlush(ByteBuffer(string: bytes)).get() }
        return channel
    }
}
