/// Recognizes lines that must not be stored in history or transcripts.
enum SecretFilter {
    /// Whether the line mentions a credential: a bearer token, an OAuth access token, a token flag or variable.
    static func mayCarrySecret(_ line: String) -> Bool {
        let lowered = line.lowercased()
        return [
            "ya29.", "bearer ", "--token", "token=", "access_token", "refresh_token", "private_key",
            "client_secret", "google_oauth_access_token",
        ].contains { lowered.contains($0) }
    }
}
