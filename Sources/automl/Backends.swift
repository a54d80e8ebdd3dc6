import AutoMLClient
import AutoMLShell
import Foundation

/// The shell's backends: the local server of the data folder (found or started on first use, over HTTP with its
/// token) or a remote endpoint with credentials found the usual way.
enum Backends {
    /// - Parameters:
    ///   - insecure: `--insecure`: allow plain `http://` to a host that is not this machine.
    ///   - logHTTP: `--log-http`: every exchange on standard error (``HTTPLogPrinter``).
    static func factory(environment: EnvironmentVariables, insecure: Bool, logHTTP: Bool) -> BackendFactory {
        let setup = LocalServerSetup(environment: environment)
        let remote = AsyncHTTPClientTransport()
        let connection = LocalServerConnection(launcher: setup.launcher) { note in
            FileHandle.standardError.write(Data((note + "\n").utf8))
        }
        var factory = BackendFactory(
            localGCSRoot: setup.dataDirectory.appendingPathComponent("gcs").path,
            localDataDirectory: setup.dataDirectory.path
        ) { endpoint in
            guard let endpoint else {
                let address = try await connection.address()
                return AutoMLClient(
                    configuration: .init(endpoint: address.url, log: logHTTP ? HTTPLogPrinter.hook : nil),
                    transport: LocalServerTransport(inner: setup.transport, connection: connection))
            }
            try EndpointChoice.checkPlainHTTP(endpoint, allowed: insecure)
            return AutoMLClient(
                configuration: .init(
                    endpoint: endpoint,
                    credentials: try credentials(for: endpoint, environment),
                    log: logHTTP ? HTTPLogPrinter.hook : nil),
                transport: remote)
        }
        factory.localServerState = { setup.state }
        return factory
    }

    /// No credentials for a server on loopback (unless a token is given); Google's resolution otherwise.
    private static func credentials(for endpoint: String, _ environment: EnvironmentVariables) throws
        -> any CredentialsProvider
    {
        if EndpointChoice.isOnThisMachine(endpoint) {
            return environment[.googleOAuthAccessToken].map { StaticTokenCredentials(token: $0) } ?? NoCredentials()
        }
        return try CredentialsResolver.resolve(environment: environment, fileExists: FileManager.default.fileExists)
    }
}
