import AutoMLWire
import Foundation

/// Names whose values are secrets wherever they appear: query parameters, JSON members, form fields.
let secretFieldNames: Set<String> = [
    "access_token", "accesstoken", "refresh_token", "refreshtoken", "id_token", "assertion", "client_secret",
    "private_key", "privatekey", "key", "token", "password", "authorization", "code",
    // A resumable upload's session ID: whoever has the session URL can upload to it.
    "upload_id",
]

let redactedMarker = "[REDACTED]"

/// The URL with the values of secret query parameters replaced, for logs and error messages.
func redactedURL(_ url: String) -> String {
    guard let queryStart = url.firstIndex(of: "?") else { return url }
    let base = url[..<queryStart]
    let query = url[url.index(after: queryStart)...]
    let parts = query.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
        let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard pieces.count == 2 else { return String(part) }
        let name = (String(pieces[0]).removingPercentEncoding ?? String(pieces[0])).lowercased()
        return secretFieldNames.contains(name) ? "\(pieces[0])=\(redactedMarker)" : String(part)
    }
    return base + "?" + parts.joined(separator: "&")
}

/// Text with secrets removed: values of secret JSON members and form fields, and every occurrence of the
/// given secret strings (the bearer token of the call, say).
func redactedText(_ text: String, secrets: [String] = []) -> String {
    var result = text
    for secret in secrets where secret.count >= 4 {
        result = result.replacingOccurrences(of: secret, with: redactedMarker)
    }
    for name in secretFieldNames {
        result = replacingMatches(in: result, pattern: "(\"\(name)\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)(\")")
        result = replacingMatches(in: result, pattern: "((?:^|[&?])\(name)=)([^&\\s]*)()")
    }
    return result
}

private func replacingMatches(in text: String, pattern: String) -> String {
    guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return text }
    let range = NSRange(text.startIndex..., in: text)
    return regex.stringByReplacingMatches(in: text, range: range, withTemplate: "$1\(redactedMarker)$3")
}
