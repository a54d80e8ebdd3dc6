package import AutoMLClient
package import Foundation

/// Whether the local server of a data folder runs, as the prompt, `context` and `automl emulator status` show it:
/// read from its address file and its process, without a request.
package struct LocalServerState: Sendable, Hashable {
    package var dataDirectory: URL
    /// The address of the running server; nil when none runs.
    package var address: LocalServerAddress?

    package var isRunning: Bool { address != nil }

    /// Reads the address file; a file whose process is gone counts as no server.
    package static func read(dataDirectory: URL) -> LocalServerState {
        let address = LocalServerAddress.read(in: dataDirectory)
        return LocalServerState(
            dataDirectory: dataDirectory,
            address: address.flatMap { LocalServerLauncher.isServer($0.pid) ? $0 : nil })
    }

    /// One line: `running (pid 4242) at http://127.0.0.1:40123, data in …` or `not running (…)`.
    package var summary: String {
        guard let address else {
            return "not running (the next command that needs it starts it), data in \(dataDirectory.path)"
        }
        return "running (pid \(address.pid)) at \(address.url), data in \(dataDirectory.path)"
    }
}
