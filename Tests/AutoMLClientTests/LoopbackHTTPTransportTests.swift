import AutoMLClient
import AutoMLTestSupport
import Foundation
import Testing

/// The socket transport `automl` uses for its local server, against a real HTTP server on loopback.
@Suite struct LoopbackHTTPTransportTests {
    // The deadlines are generous: in the full suite, tests that block threads can hold this one's server back for
    // seconds (CI once saw a 10 s deadline pass); what is tested is the exchange, not its speed.
    @Test func sendsTheRequestAndReadsTheAnswer() async throws {
        let body = Data((0..<200_000).map { UInt8($0 % 251) })
        try await withLoopbackServer(handler: { request in
            .reply(
                status: request.method == "POST" ? 201 : 200,
                headers: [("Content-Type", "application/octet-stream"), ("X-Echo", request.header("X-Test") ?? "")],
                body: request.method == "POST" ? request.body : body)
        }) { server in
            let transport = LoopbackHTTPTransport()
            let got = try await transport.send(
                HTTPRequest(method: "GET", url: server.baseURL + "/v1/x?filter=a%3Db", headers: [("X-Test", "1")]),
                timeout: .seconds(60))
            #expect(got.status == 200)
            #expect(got.body == body)
            #expect(got.header("x-echo") == "1")
            let posted = try await transport.send(
                HTTPRequest(method: "POST", url: server.baseURL + "/v1/y", body: Data("{\"a\":1}".utf8)),
                timeout: .seconds(60))
            #expect(posted.status == 201)
            #expect(posted.body == Data("{\"a\":1}".utf8))
            let request = try #require(server.requests.first)
            #expect(request.uri == "/v1/x?filter=a%3Db")
            #expect(request.header("Host") == "127.0.0.1:\(server.port)")
        }
    }

    @Test func keepAliveConnectionsAreReusedAndOnesTheServerClosedAreNot() async throws {
        // The parallel requests are answered only once all four have arrived (or after 30 s), so none can finish
        // and hand its connection to another: four connections are needed, whatever the machine's load.
        let arrived = Counter()
        try await withLoopbackServer(handler: { request in
            switch request.path {
            case "/empty": return .reply(status: 204, headers: [], body: Data())
            case "/last": return .replyThenClose(status: 200, body: Data("bye".utf8))
            case let path where path.hasPrefix("/parallel"):
                _ = arrived.next()
                for _ in 0..<3000 where arrived.count < 4 { try? await Task.sleep(for: .milliseconds(10)) }
                return .json("{}")
            default: return .json("{}")
            }
        }) { server in
            let transport = LoopbackHTTPTransport()
            for path in ["/a", "/empty", "/b", "/last"] {
                let method = path == "/b" ? "POST" : "GET"
                let response = try await transport.send(
                    HTTPRequest(method: method, url: server.baseURL + path), timeout: .seconds(60))
                #expect(response.status == (path == "/empty" ? 204 : 200), "\(path)")
            }
            // The server closed the connection after /last: the next request, a POST too, goes on a new one. (The
            // close reaches the client at once on an idle machine; a second covers one whose cores are busy training.)
            try await Task.sleep(for: .seconds(1))
            let after = try await transport.send(
                HTTPRequest(method: "POST", url: server.baseURL + "/after"), timeout: .seconds(60))
            #expect(after.status == 200)
            let connections = server.requests.map(\.connection)
            #expect(Set(connections.prefix(4)).count == 1, "four requests in a row share one connection")
            #expect(connections[4] != connections[0])

            // Requests sent at once each get a connection of their own. (How fast they go out, rather than queued
            // behind each other as when exchanges ran on the global Dispatch queues, is benchmarks/storage-upload.sh's
            // to measure.)
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<4 {
                    group.addTask {
                        try await transport.send(
                            HTTPRequest(method: "GET", url: server.baseURL + "/parallel\(index)"), timeout: .seconds(60)
                        ).status
                    }
                }
                for try await status in group { #expect(status == 200) }
            }
            let parallel = server.requests.filter { $0.path.hasPrefix("/parallel") }
            #expect(Set(parallel.map(\.connection)).count == 4)
        }
    }

    @Test func aRefusedConnectionWasNotSent() async throws {
        let refusing = try RefusingLoopbackPort()
        await #expect {
            try await LoopbackHTTPTransport().send(
                HTTPRequest(method: "POST", url: "http://127.0.0.1:\(refusing.port)/v1/z"), timeout: .seconds(5))
        } throws: { error in
            guard let error = error as? TransportError else { return false }
            return error.kind == .connectFailed && !error.requestMayHaveBeenSent
        }
    }

    @Test func aSlowServerTimesOut() async throws {
        try await withLoopbackServer(handler: { _ in
            try? await Task.sleep(for: .seconds(2))
            return .json("{}")
        }) { server in
            await #expect {
                try await LoopbackHTTPTransport().send(
                    HTTPRequest(method: "GET", url: server.baseURL + "/slow"), timeout: .milliseconds(200))
            } throws: { error in
                (error as? TransportError)?.kind == .timedOut
            }
        }
    }

    @Test func onlyLoopbackHTTP() async throws {
        for url in ["https://127.0.0.1:1/x", "http://example.com/x", "http://10.0.0.1:80/x", "http://127.0.0.1:port/x"]
        {
            await #expect(throws: TransportError.self, "\(url)") {
                try await LoopbackHTTPTransport().send(HTTPRequest(method: "GET", url: url), timeout: .seconds(1))
            }
        }
    }
}
