import AutoMLWire
public import Foundation

/// Application Default Credentials: the key file named by `GOOGLE_APPLICATION_CREDENTIALS`, or the one
/// `gcloud auth application-default login` writes (`$CLOUDSDK_CONFIG` or `~/.config/gcloud`,
/// `application_default_credentials.json`).
public enum ApplicationDefaultCredentials {
    /// The file ADC reads in this environment, whether or not it exists.
    public static func path(in environment: EnvironmentVariables) -> String? {
        if let explicit = environment[.googleApplicationCredentials] { return explicit }
        if let config = environment[.cloudSDKConfig] { return config + "/application_default_credentials.json" }
        if let home = environment[.home] { return home + "/.config/gcloud/application_default_credentials.json" }
        return nil
    }

    /// Loads the credentials of a key file: `service_account` or `authorized_user`.
    /// - Parameters:
    ///   - transport: what token requests go through.
    ///   - wallClock: seconds since the Unix epoch, for JWT times.
    public static func load(
        path: String, transport: any HTTPTransport = AsyncHTTPClientTransport(),
        wallClock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    )
        throws -> any CredentialsProvider
    {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CredentialsError("cannot read the credentials file \(path)")
        }
        guard let key = (try? JSONValue(parsing: data))?.objectValue else {
            throw CredentialsError("the credentials file \(path) is not a JSON object")
        }
        switch key["type"]?.stringValue {
        case "service_account":
            return try ServiceAccountCredentials(key: key, transport: transport, wallClock: wallClock)
        case "authorized_user":
            return try AuthorizedUserCredentials(key: key, transport: transport)
        case let other?:
            throw CredentialsError(
                "the credentials file \(path) is of type \"\(other)\"; supported are "
                    + "service_account and authorized_user")
        case nil:
            throw CredentialsError("the credentials file \(path) has no \"type\"")
        }
    }
}
