import AutoMLWire
import Foundation

/// Keeps web pages away from a server that serves this machine: a page can make a browser send requests to
/// `127.0.0.1`, either directly (with an `Origin` header) or through a name of its own that resolves to loopback
/// (DNS rebinding: its `Host` header then names the page's domain). Unless remote clients are allowed, a request
/// carries no `Origin`, and on a server listening on loopback its `Host` names a loopback address; Google's
/// clients, curl and `automl` do both.
enum BrowserGuard {
    /// The error to answer with, or nil to serve the request.
    static func refusal(of request: EmulatorRequest, configuration: EmulatorConfiguration, listensOnLoopback: Bool)
        -> ServiceError?
    {
        guard !configuration.allowRemote else { return nil }
        if let origin = request.header("Origin"), !origin.isEmpty {
            return ServiceError(
                .permissionDenied,
                "requests from web pages (with an Origin header, here \(origin)) "
                    + "are refused by the local backend.", reason: "BROWSER_ORIGIN")
        }
        guard listensOnLoopback else { return nil }
        guard let host = request.header("Host"), isLoopbackHost(host) else {
            return ServiceError(
                .permissionDenied,
                "the Host header must name a loopback address (127.0.0.1, "
                    + "localhost or [::1]); start the server with --allow-remote to serve others.",
                reason: "HOST_NOT_LOOPBACK")
        }
        return nil
    }

    /// `127.0.0.1:8080`, `localhost`, `[::1]:80`…: the host part (without the port) is a loopback name or address.
    static func isLoopbackHost(_ header: String) -> Bool {
        var host = Substring(header.trimmingCharacters(in: .whitespaces)).lowercased()[...]
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let rest = host[host.index(after: close)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && rest.dropFirst().allSatisfy(\.isNumber)) else { return false }
            return host[host.index(after: host.startIndex)..<close] == "::1"
        }
        if let colon = host.lastIndex(of: ":") {
            guard host[host.index(after: colon)...].allSatisfy(\.isNumber) else { return false }
            host = host[..<colon]
        }
        if host == "localhost" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
