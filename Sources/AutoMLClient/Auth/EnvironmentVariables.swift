import AutoMLWire
import Foundation

/// The environment variables a caller hands to the client, read through typed keys so no code calls
/// `getenv` itself and tests pass a dictionary.
public struct EnvironmentVariables: Sendable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// The environment of this process.
    public static var process: EnvironmentVariables { EnvironmentVariables(ProcessInfo.processInfo.environment) }

    /// The value, or nil when unset or empty.
    public subscript(key: Key) -> String? {
        guard let value = values[key.name], !value.isEmpty else { return nil }
        return value
    }

    /// The name of an environment variable that the client or the shell reads.
    public struct Key: Sendable, Hashable {
        public let name: String
        public init(_ name: String) { self.name = name }

        public static let googleOAuthAccessToken = Key("GOOGLE_OAUTH_ACCESS_TOKEN")
        public static let googleApplicationCredentials = Key("GOOGLE_APPLICATION_CREDENTIALS")
        public static let cloudSDKConfig = Key("CLOUDSDK_CONFIG")
        public static let googleCloudProject = Key("GOOGLE_CLOUD_PROJECT")
        public static let cloudSDKCoreProject = Key("CLOUDSDK_CORE_PROJECT")
        public static let googleCloudQuotaProject = Key("GOOGLE_CLOUD_QUOTA_PROJECT")
        public static let home = Key("HOME")
        public static let path = Key("PATH")
    }
}
