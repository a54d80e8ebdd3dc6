import AutoMLWire
import Foundation

/// Tokens from `gcloud auth print-access-token`, kept for ``lifetime`` and fetched again at once after a 401.
///
/// gcloud prints a token without its expiry; it hands out tokens with most of their hour left, so a
/// short cache lifetime is safe, and the client's refresh after a 401 covers the rest.
public struct GcloudCredentials: CredentialsProvider {
    /// The gcloud executable: a path, or a name looked up on `PATH`.
    public var executable: String
    public var lifetime: Duration
    public let quotaProject: String?
    private let environment: EnvironmentVariables
    private let cache = TokenCache(margin: .zero)

    public init(
        executable: String = "gcloud", lifetime: Duration = .seconds(600), quotaProject: String? = nil,
        environment: EnvironmentVariables = .process
    ) {
        self.executable = executable
        self.lifetime = lifetime
        self.quotaProject = quotaProject
        self.environment = environment
    }

    public var canRefresh: Bool { true }

    public func accessToken(forceRefresh: Bool) async throws -> String? {
        let lifetime = lifetime
        let path = try resolvedExecutable()
        let environment = environment.values
        return try await cache.token(forceRefresh: forceRefresh) {
            let token = try await runGcloud(path: path, environment: environment)
            return FetchedToken(value: token, lifetime: lifetime)
        }
    }

    /// The executable's full path: as given when it contains a `/`, else the first match on `PATH`.
    func resolvedExecutable() throws -> String {
        if executable.contains("/") { return executable }
        for directory in (environment[.path] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(executable)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw CredentialsError("\(executable) is not on PATH; install the Google Cloud CLI or give a token")
    }
}

/// Runs `gcloud auth print-access-token` off the cooperative pool and returns the token it printed.
private func runGcloud(path: String, environment: [String: String]) async throws -> String {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = ["auth", "print-access-token"]
            process.environment = environment
            let output = Pipe()
            let errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            process.standardInput = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: CredentialsError("cannot run \(path): \(error.localizedDescription)"))
                return
            }
            let errorData = LockedValue(Data())
            let errorReader = DispatchGroup()
            errorReader.enter()
            DispatchQueue.global().async {
                let data = errors.fileHandleForReading.readDataToEndOfFile()
                errorData.withLock { $0 = data }
                errorReader.leave()
            }
            let outputData = output.fileHandleForReading.readDataToEndOfFile()
            errorReader.wait()
            process.waitUntilExit()
            let token = String(decoding: outputData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard process.terminationStatus == 0, !token.isEmpty, !token.contains(where: \.isWhitespace) else {
                let stderr = errorData.withLock { String(decoding: $0, as: UTF8.self) }
                let firstLine = stderr.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
                let reason =
                    firstLine.isEmpty
                    ? "exit status \(process.terminationStatus)"
                    : redactedText(firstLine, secrets: [token])
                continuation.resume(throwing: CredentialsError("gcloud auth print-access-token failed: \(reason)"))
                return
            }
            continuation.resume(returning: token)
        }
    }
}
