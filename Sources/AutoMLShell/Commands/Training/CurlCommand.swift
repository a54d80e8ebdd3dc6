import AutoMLClient
import Foundation

/// The curl command equivalent to a request, as the documentation writes them; the token is never shown.
enum CurlCommand {
    static func createModel(_ model: Model, in location: LocationName, endpoint: String?) -> String {
        let base = endpoint ?? "${AUTOML_ENDPOINT:-http://127.0.0.1:8080}"
        let body = String(decoding: model.jsonData(pretty: true), as: UTF8.self).replacingOccurrences(
            of: "'", with: "'\\''")
        var lines = ["curl -X POST \\"]
        if endpoint != nil {
            lines.append("  -H \"Authorization: Bearer $(gcloud auth print-access-token)\" \\")
            lines.append("  -H \"x-goog-user-project: \(location.project)\" \\")
        }
        lines.append("  -H \"Content-Type: application/json; charset=utf-8\" \\")
        lines.append("  -d '\(body)' \\")
        lines.append("  \"\(base)/v1/\(location)/models\"")
        return lines.joined(separator: "\n")
    }
}
