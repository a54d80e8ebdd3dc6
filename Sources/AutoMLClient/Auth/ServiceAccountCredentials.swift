import AutoMLWire
import Foundation
import _CryptoExtras

/// A service account's key: each token comes from a freshly signed JWT exchanged at the key's `token_uri`.
public struct ServiceAccountCredentials: CredentialsProvider {
    /// The OAuth scope asked for: the one the AutoML API needs.
    public static let cloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform"

    let clientEmail: String
    let privateKeyID: String?
    private let privateKey: _RSA.Signing.PrivateKey
    let endpoint: OAuthTokenEndpoint
    public let quotaProject: String?
    private let cache = TokenCache()
    private let wallClock: @Sendable () -> Double

    /// Reads the fields of a `service_account` key file; the key must be an RSA key of 2048 bits or more.
    init(key: JSONObject, transport: any HTTPTransport, wallClock: @escaping @Sendable () -> Double) throws {
        guard let email = key["client_email"]?.stringValue, let pem = key["private_key"]?.stringValue else {
            throw CredentialsError("the service account key has no client_email or private_key")
        }
        do {
            privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        } catch {
            throw CredentialsError("the service account key's private_key is not a usable RSA key")
        }
        clientEmail = email
        privateKeyID = key["private_key_id"]?.stringValue
        endpoint = OAuthTokenEndpoint(uri: key["token_uri"]?.stringValue ?? googleTokenURI, transport: transport)
        quotaProject = key["quota_project_id"]?.stringValue
        self.wallClock = wallClock
    }

    public var canRefresh: Bool { true }

    public func accessToken(forceRefresh: Bool) async throws -> String? {
        try await cache.token(forceRefresh: forceRefresh) { [self] in
            let jwt = ServiceAccountJWT(
                clientEmail: clientEmail, privateKeyID: privateKeyID,
                scope: Self.cloudPlatformScope, audience: endpoint.uri,
                issuedAt: Int64(wallClock()))
            let assertion = try jwt.signed(with: privateKey)
            return try await endpoint.exchange([
                ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                ("assertion", assertion),
            ])
        }
    }
}

extension ServiceAccountCredentials: CustomStringConvertible {
    /// Names the account, never the key.
    public var description: String { "ServiceAccountCredentials(\(clientEmail))" }
}

/// A user's refresh token from `gcloud auth application-default login`, exchanged at the token endpoint.
public struct AuthorizedUserCredentials: CredentialsProvider {
    private let clientID: String
    private let clientSecret: String
    private let refreshToken: String
    let endpoint: OAuthTokenEndpoint
    public let quotaProject: String?
    private let cache = TokenCache()

    init(key: JSONObject, transport: any HTTPTransport) throws {
        guard let clientID = key["client_id"]?.stringValue, let clientSecret = key["client_secret"]?.stringValue,
            let refreshToken = key["refresh_token"]?.stringValue
        else {
            throw CredentialsError("the authorized_user credentials lack client_id, client_secret or refresh_token")
        }
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
        endpoint = OAuthTokenEndpoint(uri: key["token_uri"]?.stringValue ?? googleTokenURI, transport: transport)
        quotaProject = key["quota_project_id"]?.stringValue
    }

    public var canRefresh: Bool { true }

    public func accessToken(forceRefresh: Bool) async throws -> String? {
        try await cache.token(forceRefresh: forceRefresh) { [self] in
            try await endpoint.exchange([
                ("grant_type", "refresh_token"),
                ("client_id", clientID),
                ("client_secret", clientSecret),
                ("refresh_token", refreshToken),
            ])
        }
    }
}

extension AuthorizedUserCredentials: CustomStringConvertible {
    public var description: String { "AuthorizedUserCredentials([REDACTED])" }
}

let googleTokenURI = "https://oauth2.googleapis.com/token"

/// Credentials that could not be set up or used: a missing or unreadable key file, a failing gcloud.
public struct CredentialsError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
