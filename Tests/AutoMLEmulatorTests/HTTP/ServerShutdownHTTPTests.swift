import AutoMLClient
import AutoMLEmulator
import Foundation
import Testing

/// `EmulatorHTTPServer` serves "until ``shutdown()``": after it, no connection gets answers.
@Suite struct ServerShutdownHTTPTests {
    @Test func afterShutdownNoConnectionIsServed() async throws {
        // On an address of its own: the suite's other servers listen on 127.0.0.1 and may get this port as soon as it
        // is free, which would answer the "refused" connection below.
        try await withServedEmulator(host: "127.0.0.2") { served in
            // The first answer leaves an idle kept-alive connection in the test's HTTP client pool.
            let before = try await served.raw("GET", served.v1("datasets"))
            #expect(before.status == 200)
            #expect(before.header("Connection")?.lowercased() != "close")

            await served.server.shutdown()

            await #expect(throws: (any Error).self, "a new connection is refused") {
                _ = try await served.exchangeBytes(
                    "GET \(served.v1("datasets")) HTTP/1.1\r\nHost: x\r\n\r\n",
                    patience: .seconds(2))
            }
            let after: RawResponse?
            do {
                after = try await served.raw("GET", served.v1("datasets"))
            } catch {
                after = nil
            }
            #expect(
                after == nil,
                "the kept-alive connection was still served after shutdown(): HTTP \(after?.status ?? 0)")
        }
    }
}
