import AutoMLWire

/// Picks credentials for a remote endpoint the way Google's tools do, first match wins:
/// `GOOGLE_OAUTH_ACCESS_TOKEN`, then Application Default Credentials (when the file exists), then gcloud.
public enum CredentialsResolver {
    public static func resolve(
        environment: EnvironmentVariables = .process,
        transport: any HTTPTransport = AsyncHTTPClientTransport(),
        fileExists: (String) -> Bool
    ) throws -> any CredentialsProvider {
        let quotaProject = environment[.googleCloudQuotaProject]
        if let token = environment[.googleOAuthAccessToken] {
            return StaticTokenCredentials(token: token, quotaProject: quotaProject)
        }
        if let path = ApplicationDefaultCredentials.path(in: environment),
            environment[.googleApplicationCredentials] != nil || fileExists(path)
        {
            return try ApplicationDefaultCredentials.load(path: path, transport: transport)
        }
        return GcloudCredentials(quotaProject: quotaProject, environment: environment)
    }
}
