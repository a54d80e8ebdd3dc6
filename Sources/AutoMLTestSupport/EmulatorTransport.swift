package import AutoMLClient
package import AutoMLEmulator
import Foundation

/// An `HTTPTransport` that hands requests straight to an in-process ``Emulator``, for tests of the client and the
/// shell with no socket in between.
package struct EmulatorTransport: HTTPTransport {
    private let emulator: Emulator

    package init(emulator: Emulator) {
        self.emulator = emulator
    }

    package func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let target: String
        if let schemeEnd = request.url.range(of: "://") {
            let afterScheme = request.url[schemeEnd.upperBound...]
            target = afterScheme.firstIndex(of: "/").map { String(afterScheme[$0...]) } ?? "/"
        } else {
            target = request.url
        }
        let incoming = EmulatorRequest(
            method: request.method, target: target, headers: request.headers,
            body: request.body ?? Data(), fromLoopback: true)
        let response = await emulator.handle(incoming)
        return HTTPResponse(status: response.status, headers: response.headers, body: response.body)
    }
}
