import AutoMLClient
import Foundation

/// The curl command equivalent to a request, as the documentation writes them; the token is never shown.
enum CurlCommand {
    /// A POST of `body` to `path` on `endpoint` (nil: the local server, whose address is not known here).
    static func post(_ body: JSONValue, path: String, project: String, endpoint: String?) -> String {
        let base = endpoint ?? "${AUTOML_ENDPOINT:-http://127.0.0.1:8080}"
        let text = String(decoding: body.encodedData(pretty: true), as: UTF8.self).replacingOccurrences(
            of: "'", with: "'\\''")
        var lines = ["curl -X POST \\"]
        if endpoint != nil {
            lines.append("  -H \"Authorization: Bearer $(gcloud auth print-access-token)\" \\")
            lines.append("  -H \"x-goog-user-project: \(project)\" \\")
        }
        lines.append("  -H \"Content-Type: application/json; charset=utf-8\" \\")
        lines.append("  -d '\(text)' \\")
        lines.append("  \"\(base)\(path)\"")
        return lines.joined(separator: "\n")
    }
}
