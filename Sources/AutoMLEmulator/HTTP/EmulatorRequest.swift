package import AutoMLWire
package import Foundation
import NIOCore

/// An HTTP request as the local backend's router sees it, whether it came over a socket or in-process.
package struct EmulatorRequest: Sendable {
    package var method: String
    /// The path without the query, percent-decoded, such as `/v1/projects/p/locations/l/models`.
    package var path: String
    /// Query parameters, percent-decoded; a repeated name keeps its last value.
    package var query: [String: String]
    package var headers: [(name: String, value: String)]
    package var body: Data
    /// Whether the client connected from a loopback address (always true in-process).
    package var fromLoopback: Bool

    package init(
        method: String, path: String, query: [String: String] = [:], headers: [(name: String, value: String)] = [],
        body: Data = Data(), fromLoopback: Bool = true
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.fromLoopback = fromLoopback
    }

    /// Splits a request target (`/v1/x?a=1&b=%2F`) into its decoded path and query.
    package init(
        method: String, target: String, headers: [(name: String, value: String)], body: Data,
        fromLoopback: Bool
    ) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let rawPath = String(parts.first ?? "")
        var query: [String: String] = [:]
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") {
                let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                    String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
                }
                query[pieces[0]] = pieces.count > 1 ? pieces[1] : ""
            }
        }
        self.init(
            method: method, path: rawPath.removingPercentEncoding ?? rawPath, query: query, headers: headers,
            body: body, fromLoopback: fromLoopback)
    }

    /// The first value of a header, matched without regard to case.
    package func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Whether the client asked for enums as numbers (`$alt=json;enum-encoding=int`, as the Python client does).
    var wantsIntegerEnums: Bool {
        for key in ["$alt", "alt"] {
            if let value = query[key], value.contains("enum-encoding=int") { return true }
        }
        return false
    }
}

/// An HTTP response of the local backend.
package struct EmulatorResponse: Sendable {
    package var status: Int
    package var headers: [(name: String, value: String)]
    package var body: Data
    /// The same bytes as `body`, already in a buffer the server can send without copying (cached lists).
    var bodyBuffer: ByteBuffer?

    package init(status: Int, headers: [(name: String, value: String)] = [], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON answer of `object`.
    package static func json(
        _ object: JSONObject, status: Int = 200, headers: [(name: String, value: String)] = []
    ) -> EmulatorResponse {
        var writer = JSONWriter()
        writer.write(.object(object))
        return EmulatorResponse(
            status: status, headers: [("Content-Type", "application/json; charset=UTF-8")] + headers,
            body: Data(writer.bytes))
    }
}
