import AutoMLClient
import Foundation

/// The curl command equivalent to a request, as the documentation writes them; the token is never shown.
enum CurlCommand {
    /// Where the token of the command comes from.
    enum Token {
        /// The local server's (`automl emulator token`).
        case localServer
        /// gcloud's, with the project to bill.
        case gcloud
    }

    /// A POST of `body` to `path` on `endpoint`; the token is a command substitution, never the token itself.
    static func post(_ body: JSONValue, path: String, project: String, endpoint: String, token: Token) -> String {
        let text = String(decoding: body.encodedData(pretty: true), as: UTF8.self).replacingOccurrences(
            of: "'", with: "'\\''")
        var lines = ["curl -X POST \\"]
        switch token {
        case .localServer:
            lines.append("  -H \"Authorization: Bearer $(automl emulator token)\" \\")
        case .gcloud:
            lines.append("  -H \"Authorization: Bearer $(gcloud auth print-access-token)\" \\")
            lines.append("  -H \"x-goog-user-project: \(project)\" \\")
        }
        lines.append("  -H \"Content-Type: application/json; charset=utf-8\" \\")
        lines.append("  -d '\(text)' \\")
        lines.append("  \"\(endpoint)\(path)\"")
        return lines.joined(separator: "\n")
    }
}
