package import AutoMLClient

/// The shell's link to its local server: found or started on first use (never before the first prompt), shared
/// by every request of the run, and found or started again when the server went away (stopped when idle, killed,
/// or started anew by another command).
package actor LocalServerConnection {
    private let launcher: LocalServerLauncher
    /// Where notes go (a crashed server started again).
    private let report: @Sendable (String) -> Void
    private var current: LocalServerAddress?
    private var connecting: Task<LocalServerAddress, any Error>?
    /// Whether the address file may be taken without asking the server: at first, not after a failed request.
    private var trustFile = true

    package init(launcher: LocalServerLauncher, report: @escaping @Sendable (String) -> Void) {
        self.launcher = launcher
        self.report = report
    }

    /// The server's address, connecting (or starting it) if needed; concurrent callers share one attempt.
    package func address() async throws -> LocalServerAddress {
        if let current { return current }
        if let connecting { return try await connecting.value }
        let launcher = launcher
        let report = report
        let trusting = trustFile
        let attempt = Task {
            let (address, note) = try await launcher.connect(trustingFile: trusting)
            if let note { report("note: \(note)") }
            return address
        }
        connecting = attempt
        defer { connecting = nil }
        let address = try await attempt.value
        current = address
        return address
    }

    /// After a request to `failed` could not connect (or was refused its token): the address again, from the file
    /// if another command restarted the server, else by starting it.
    package func reconnect(after failed: LocalServerAddress) async throws -> LocalServerAddress {
        if let current, current != failed { return current }
        current = nil
        trustFile = false
        return try await address()
    }
}
