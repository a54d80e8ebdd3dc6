import AutoMLClient
import AutoMLEmulator
import AutoMLShell
import Foundation

/// The shell's backends: the embedded local backend (started on first use, kept for the session) or a
/// remote endpoint with credentials found the usual way.
enum Backends {
    static func factory(environment: EnvironmentVariables) -> BackendFactory {
        let paths = ShellPaths(environment: environment)
        let embedded = EmbeddedBackend(dataDirectory: paths.localBackend)
        return BackendFactory(localGCSRoot: paths.localBackend + "/gcs", localDataDirectory: paths.localBackend) { endpoint in
            guard let endpoint else {
                let emulator = try await embedded.emulator()
                return AutoMLClient(configuration: .init(endpoint: "http://embedded.local"),
                                    transport: EmulatorTransport(emulator: emulator))
            }
            return AutoMLClient(configuration: .init(endpoint: endpoint,
                                                     credentials: try credentials(for: endpoint, environment)))
        }
    }

    /// No credentials for a server on loopback (unless a token is given); Google's resolution otherwise.
    private static func credentials(for endpoint: String, _ environment: EnvironmentVariables) throws
        -> any CredentialsProvider {
        let host = URL(string: endpoint)?.host ?? ""
        if ["127.0.0.1", "localhost", "::1"].contains(host) || host.hasPrefix("127.") {
            return environment[.googleOAuthAccessToken].map { StaticTokenCredentials(token: $0) } ?? NoCredentials()
        }
        return try CredentialsResolver.resolve(environment: environment, fileExists: FileManager.default.fileExists)
    }
}

/// Starts the embedded backend once, on the first call that needs it.
actor EmbeddedBackend {
    private let dataDirectory: String
    private var running: Emulator?

    init(dataDirectory: String) {
        self.dataDirectory = dataDirectory
    }

    func emulator() async throws -> Emulator {
        if let running { return running }
        let configuration = EmulatorConfiguration(dataDirectory: URL(fileURLWithPath: dataDirectory))
        do {
            let started = try await Emulator.start(configuration: configuration)
            running = started
            return started
        } catch let error as EmulatorSetupError {
            throw ShellFacingError(error.description)
        }
    }
}

/// An error whose text is the whole message.
struct ShellFacingError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
