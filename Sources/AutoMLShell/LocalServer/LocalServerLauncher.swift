package import AutoMLClient
package import Foundation

/// Finds the local server of a data folder, or starts it: the way `automl` reaches its local backend.
///
/// 1. The address file (`DATA/server.json`) names a server that answers its status route with the token: use it.
/// 2. Otherwise, under an exclusive lock on `DATA/server-start.lock` (so that commands starting together start one
///    server), look again; a file whose process is gone is a server that crashed (the caller is told once);
///    start `automl-emulator --service` detached, its output appended to `DATA/server.log`, and wait until it has
///    written its address and answers.
package struct LocalServerLauncher: Sendable {
    package var dataDirectory: URL
    /// Where `automl-emulator` is (located when a server must be started).
    package var executable: @Sendable () throws -> URL
    /// Arguments after `--service --data-dir DATA` (`--idle-stop`, `--allow-path`, …).
    package var arguments: [String]
    /// The server's environment.
    package var environment: [String: String]
    /// Asks a server whether it answers with this token.
    package var probe: @Sendable (LocalServerAddress) async -> Bool
    /// How long a start may take before it is reported as failed.
    package var startTimeout: Duration = .seconds(60)

    package init(
        dataDirectory: URL, executable: @escaping @Sendable () throws -> URL, arguments: [String],
        environment: [String: String], probe: @escaping @Sendable (LocalServerAddress) async -> Bool
    ) {
        self.dataDirectory = dataDirectory
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.probe = probe
    }

    /// The log file of the server `automl` starts.
    package var logFile: URL { dataDirectory.appendingPathComponent(LocalServerAddress.Files.log) }

    /// The address of a server that answers, and a note for the person when one had crashed and was started again.
    ///
    /// - Parameter trustingFile: Take an address file whose process is a running `automl-emulator` without asking
    ///   the server first (a request saved on every command; ``LocalServerTransport`` connects again if the
    ///   server does not answer after all). Without it, the server must answer its status route.
    package func connect(trustingFile: Bool = false) async throws -> (address: LocalServerAddress, note: String?) {
        if let address = LocalServerAddress.read(in: dataDirectory) {
            if trustingFile ? Self.isServer(address.pid) : await probe(address) { return (address, nil) }
        }
        try FileManager.default.createDirectory(
            at: dataDirectory, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let lock = try await FileLock.acquire(
            dataDirectory.appendingPathComponent(LocalServerAddress.Files.startLock),
            timeout: startTimeout)
        defer { lock.release() }
        var note: String?
        if let address = LocalServerAddress.read(in: dataDirectory) {
            if await probe(address) { return (address, nil) }
            if Self.isServer(address.pid) {
                if await answers(address, within: .seconds(5)) { return (address, nil) }
                throw ShellError(
                    "the local server (pid \(address.pid)) does not answer",
                    hint: "`automl emulator logs` shows its log; `automl emulator stop` stops it")
            }
            note =
                "the local server (pid \(address.pid)) had stopped without cleaning up; started it again "
                + "(`automl emulator logs` shows how it ended)"
            unlink(LocalServerAddress.path(in: dataDirectory).path)
        }
        return (try await start(), note)
    }

    /// Starts the server and waits for its address.
    private func start() async throws -> LocalServerAddress {
        rotateLog()
        let process = try DetachedProcess.spawn(
            try executable(), arguments: ["--service", "--data-dir", dataDirectory.path] + arguments,
            environment: environment, logFile: logFile)
        let deadline = ContinuousClock.now + startTimeout
        while ContinuousClock.now < deadline {
            if let address = LocalServerAddress.read(in: dataDirectory), address.pid == process.pid,
                await probe(address)
            {
                return address
            }
            if process.exited != nil {
                throw ShellError(
                    "the local server did not start: \(lastLines(of: logFile, count: 3))",
                    hint: "the whole log: `automl emulator logs` (\(logFile.path))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ShellError(
            "the local server did not answer within \(startTimeout.components.seconds) s",
            hint: "`automl emulator logs` shows its log (\(logFile.path))")
    }

    private func answers(_ address: LocalServerAddress, within duration: Duration) async -> Bool {
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline {
            if await probe(address) { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Keeps one older log: the current one becomes `server.log.1` once it passes 5 MB.
    private func rotateLog() {
        let attributes = try? FileManager.default.attributesOfItem(atPath: logFile.path)
        guard let size = attributes?[.size] as? Int, size > 5 << 20 else { return }
        let older = logFile.path + ".1"
        unlink(older)
        rename(logFile.path, older)
    }

    /// Whether `pid` is a running `automl-emulator` (a stale file's pid may belong to another program by now).
    package static func isServer(_ pid: Int32) -> Bool {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let first = data.split(separator: 0).first.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?
            .split(separator: ")").last?.split(separator: " ").first
        return first.hasSuffix("automl-emulator") && state != "Z"
    }
}

/// The last lines of a text file, joined with ` / `, for an error message.
package func lastLines(of file: URL, count: Int) -> String {
    guard let data = FileManager.default.contents(atPath: file.path) else { return "(no log)" }
    let lines = String(decoding: data.suffix(64 << 10), as: UTF8.self).split(whereSeparator: \.isNewline)
    return lines.suffix(count).joined(separator: " / ")
}
