import AutoMLClient
import AutoMLShell
import Foundation

/// `--log-http`: each HTTP exchange on standard error, as gcloud's `--log-http` does — the summary line, then the
/// request and response bodies (already redacted by the client: no `Authorization` header, tokens and keys replaced),
/// each cut at 2,000 characters, with control characters escaped, so an image upload neither floods nor drives the
/// terminal.
enum HTTPLogPrinter {
    static let hook = HTTPLogHook(includeBodies: true) { entry in
        var text = "http: \(entry.summary)\n"
        for (marker, body) in [(">", entry.requestBody), ("<", entry.responseBody)] {
            guard let body, !body.isEmpty else { continue }
            for line in HTTPLogText.shown(body).split(separator: "\n", omittingEmptySubsequences: false) {
                text += "http: \(marker) \(line)\n"
            }
        }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
