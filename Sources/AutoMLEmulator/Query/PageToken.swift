internal import Foundation

/// An opaque `pageToken`: the sort key of the last item of the previous page, bound to the query it belongs to.
///
/// Resuming after the last key seen (rather than at an offset) means items deleted or created between two pages do
/// not make the next page skip or repeat items. The token is URL-safe base64 (no padding) of a small JSON object
/// `{"v":1,"after":…,"scope":…,"sum":…}`: `scope` is the ``PageScope/fingerprint`` and `sum` an FNV-1a checksum
/// of the other fields, so a token altered by hand or issued for another list, parent or filter is refused.
struct PageToken: Sendable, Hashable {
    /// The sort key of the last item already returned.
    var lastKey: String
    /// The fingerprint of the query the token continues.
    var scopeFingerprint: String

    private static let version = 1

    /// A token continuing `scope` after the item whose sort key is `lastKey`.
    init(lastKey: String, scope: PageScope) {
        self.lastKey = lastKey
        scopeFingerprint = scope.fingerprint
    }

    /// Reads a token and checks it belongs to `scope`; any failure is ``PagingError/invalidPageToken``.
    init(decoding token: String, scope: PageScope) throws(PagingError) {
        guard let data = Self.base64URLDecoded(token),
            let body = try? JSONDecoder().decode(Body.self, from: data),
            body.v == Self.version,
            body.sum == Self.checksum(version: body.v, after: body.after, scope: body.scope),
            body.scope == scope.fingerprint
        else { throw .invalidPageToken }
        lastKey = body.after
        scopeFingerprint = body.scope
    }

    /// The token as sent in `nextPageToken`.
    var encoded: String {
        let body = Body(
            v: Self.version, after: lastKey, scope: scopeFingerprint,
            sum: Self.checksum(version: Self.version, after: lastKey, scope: scopeFingerprint))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a struct of strings and an integer cannot fail; an empty token would only end the listing.
        let data = (try? encoder.encode(body)) ?? Data()
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The JSON inside a token; short keys keep tokens short.
    private struct Body: Codable {
        var v: Int
        var after: String
        var scope: String
        var sum: String
    }

    private static func checksum(version: Int, after: String, scope: String) -> String {
        FNV1a64.hex("\(version)\u{0}\(after)\u{0}\(scope)")
    }

    private static func base64URLDecoded(_ text: String) -> Data? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_=".contains($0)) })
        else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 = base64.replacingOccurrences(of: "=", with: "")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
