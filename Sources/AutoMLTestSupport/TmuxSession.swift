package import Foundation

/// A program running in a detached tmux session on its own server socket, driven by keystrokes and read
/// back as the screen a person would see.
package final class TmuxSession: @unchecked Sendable {
    private let socket = "automl-test-\(UUID().uuidString.prefix(8))"
    private let name = "main"

    /// Starts `command` (a shell command line) in an 120×40 window with the given environment.
    package init(command: String, environment: [String: String], width: Int = 120, height: Int = 40) throws {
        let exports = environment.map { "\($0.key)=\(shellQuote($0.value))" }.sorted().joined(separator: " ")
        try tmux([
            "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height),
            "export \(exports); \(command); sleep 30",
        ])
    }

    /// Types text (literally) into the pane.
    package func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    /// Types a line and presses Enter.
    package func typeLine(_ text: String) throws {
        try type(text)
        try press("Enter")
    }

    /// Sends named keys, such as `Enter`, `Tab`, `C-c`, `C-d`.
    package func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    /// The visible screen.
    package func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", name])
    }

    /// Waits until the screen contains `text` (up to `timeout` seconds) and returns the screen; throws with
    /// the screen when it never does.
    @discardableResult
    package func waitFor(_ text: String, timeout: TimeInterval = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            usleep(50_000)
        }
        throw TransportTestError("the screen never showed \"\(text)\"; it shows:\n\(last)")
    }

    /// Waits until `condition` holds for the screen.
    @discardableResult
    package func waitUntil(timeout: TimeInterval = 20, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            usleep(50_000)
        }
        throw TransportTestError("the screen never matched; it shows:\n\(last)")
    }

    deinit {
        _ = try? tmux(["kill-server"])
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        // posix_spawn and waitpid rather than Foundation's Process: `new-session` forks the tmux server, which
        // inherits the descriptors Process watches, and then waitUntilExit never returns.
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { unlink(capture) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        // The test's thread may block signals; tmux and its shell must start with none blocked and the defaults.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/tmux", &actions, &attributes, &cArguments, environ)
        guard spawned == 0 else { throw TransportTestError("cannot run tmux: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let text = (try? String(contentsOfFile: capture, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw TransportTestError("tmux \(arguments.first ?? "") failed: \(text)")
        }
        return text
    }
}

/// Whether tmux is installed (the tests that need it say so when it is not).
package var tmuxAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

private func shellQuote(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
