import AutoMLWire

/// Where a client's bearer tokens come from.
///
/// Implementations cache tokens and refresh them before they expire; a client asks with
/// `forceRefresh: true` after a 401, when the cached token was evidently no longer good.
public protocol CredentialsProvider: Sendable {
    /// The token for `Authorization: Bearer`, or nil to send no `Authorization` header.
    func accessToken(forceRefresh: Bool) async throws -> String?
    /// The project to bill for quota (`x-goog-user-project`), when the credentials name one.
    var quotaProject: String? { get }
    /// Whether asking again can give a different token (so a 401 is worth one more try).
    var canRefresh: Bool { get }
}

extension CredentialsProvider {
    public var quotaProject: String? { nil }
    public var canRefresh: Bool { false }
}

/// No credentials: requests carry no `Authorization` header. For the local backend.
public struct NoCredentials: CredentialsProvider {
    public init() {}
    public func accessToken(forceRefresh: Bool) async throws -> String? { nil }
}

/// A token given as it is: a flag, or `GOOGLE_OAUTH_ACCESS_TOKEN`. It is never refreshed.
public struct StaticTokenCredentials: CredentialsProvider {
    private let token: String
    public let quotaProject: String?

    public init(token: String, quotaProject: String? = nil) {
        self.token = token
        self.quotaProject = quotaProject
    }

    public func accessToken(forceRefresh: Bool) async throws -> String? { token }
}

extension StaticTokenCredentials: CustomStringConvertible {
    /// Never shows the token.
    public var description: String { "StaticTokenCredentials([REDACTED])" }
}
