import AutoMLClient
import Foundation

/// `--log-http`: each HTTP exchange on standard error, as gcloud's `--log-http` does — the summary line, then the
/// request and response bodies (already redacted by the client: no `Authorization` header, tokens and keys replaced),
/// each cut at 2,000 characters so an image upload does not flood the terminal.
enum HTTPLogPrinter {
    static let hook = HTTPLogHook(includeBodies: true) { entry in
        var text = "http: \(entry.summary)\n"
        for (marker, body) in [(">", entry.requestBody), ("<", entry.responseBody)] {
            guard let body, !body.isEmpty else { continue }
            let shown = body.count > limit ? body.prefix(limit) + "… (\(body.utf8.count) bytes)" : Substring(body)
            for line in shown.split(separator: "\n", omittingEmptySubsequences: false) {
                text += "http: \(marker) \(line)\n"
            }
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    private static let limit = 2000
}
