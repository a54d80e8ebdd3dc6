import AutoMLWire
import Foundation

/// Exchanges a grant (a signed JWT, a refresh token) for an access token at an OAuth 2.0 token endpoint.
struct OAuthTokenEndpoint: Sendable {
    var uri: String
    var transport: any HTTPTransport
    var timeout: Duration = .seconds(30)

    /// POSTs the form and reads `access_token` and `expires_in`. The form and the answer hold secrets:
    /// none of them reaches an error message.
    func exchange(_ form: [(String, String)]) async throws -> FetchedToken {
        let body = form.map { "\(percentEncoded($0.0))=\(percentEncoded($0.1))" }.joined(separator: "&")
        let request = HTTPRequest(
            method: "POST", url: uri,
            headers: [
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Accept", "application/json"),
            ], body: Data(body.utf8))
        let response = try await transport.send(request, timeout: timeout)
        let json = try? JSONValue(parsing: response.body)
        guard (200..<300).contains(response.status) else {
            let reason = [json?["error"]?.stringValue, json?["error_description"]?.stringValue]
                .compactMap { $0 }.joined(separator: ": ")
            let secrets = form.map(\.1)
            throw AutoMLError(
                code: .unauthenticated, httpStatus: response.status,
                message: "the token endpoint \(redactedURL(uri)) refused the grant"
                    + (reason.isEmpty ? " (HTTP \(response.status))" : ": \(redactedText(reason, secrets: secrets))"))
        }
        guard let token = json?["access_token"]?.stringValue, !token.isEmpty else {
            throw TransportError(.malformedResponse, "the token endpoint \(redactedURL(uri)) sent no access_token")
        }
        let expiresIn: Int64
        switch json?["expires_in"] {
        case .integer(let seconds)?: expiresIn = seconds
        case .number(let seconds)?: expiresIn = Int64(seconds)
        case .string(let text)?: expiresIn = Int64(text) ?? 3600
        default: expiresIn = 3600
        }
        return FetchedToken(value: token, lifetime: .seconds(max(1, expiresIn)))
    }
}
