package import AutoMLClient
import Foundation

/// Where the shell keeps its files, by the XDG base directory rules.
package struct ShellPaths: Sendable, Hashable {
    package var config: String
    package var state: String
    package var cache: String
    package var data: String

    /// `$XDG_CONFIG_HOME/automl` and friends, falling back to `~/.config/automl`, `~/.local/state/automl`,
    /// `~/.cache/automl` and `~/.local/share/automl`.
    package init(environment: EnvironmentVariables) {
        let home = environment[.home] ?? NSTemporaryDirectory()
        func base(_ key: String, _ fallback: String) -> String {
            if let value = environment.values[key], value.hasPrefix("/") { return value + "/automl" }
            return home + "/" + fallback + "/automl"
        }
        config = base("XDG_CONFIG_HOME", ".config")
        state = base("XDG_STATE_HOME", ".local/state")
        cache = base("XDG_CACHE_HOME", ".cache")
        data = base("XDG_DATA_HOME", ".local/share")
    }

    package var sessionFile: String { config + "/session.json" }
    /// Commands the interactive shell runs when it starts (skipped with `--no-rc`).
    package var rcFile: String { config + "/automlrc" }
    package var historyFile: String { state + "/history" }
    /// The local server's data directory.
    package var localBackend: String { data + "/local" }
}

/// Writes a file atomically (a temporary file in the same folder, then rename) with mode 0600, creating the
/// folder with mode 0700.
func writePrivateFile(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(
        at: folder, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    guard
        FileManager.default.createFile(
            atPath: temporary.path, contents: data,
            attributes: [.posixPermissions: 0o600])
    else {
        throw ShellError("cannot write \(temporary.path)")
    }
    if rename(temporary.path, url.path) != 0 {
        try? FileManager.default.removeItem(at: temporary)
        throw ShellError("cannot replace \(path): \(String(cString: strerror(errno)))")
    }
}
