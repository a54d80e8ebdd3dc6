import Foundation

/// Keeps the saved session in `session.json`, written atomically with mode 0600. A corrupt file is reported and
/// replaced at the next save, never a crash.
///
/// Several processes share the file (shells in two terminals, one-shot commands, scripts beside them), so a save
/// is a change, not a copy: ``update(_:)`` reads the file under a lock, applies what this run changed, and writes
/// it back, leaving what other runs saved in the meantime as they left it.
package struct SessionStore: Sendable {
    package let path: String
    /// Where problems saving or loading are reported (standard error in the shell).
    let report: @Sendable (String) -> Void

    package init(path: String, report: @escaping @Sendable (String) -> Void) {
        self.path = path
        self.report = report
    }

    /// The saved session, or nil when there is none (or it could not be read, which is reported).
    package func load() -> SavedSession? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(SavedSession.self, from: data)
        } catch {
            report("warning: \(path) is not a valid session file; starting with a fresh session (it will be replaced)")
            return nil
        }
    }

    /// Applies `change` to the file as it is now, under a lock that other `automl` processes take too, and returns
    /// what was written (nil when the file could not be written, which is reported).
    @discardableResult
    package func update(_ change: (inout SavedSession) -> Void) -> SavedSession? {
        do {
            return try withLock {
                var session = load() ?? SavedSession()
                change(&session)
                try write(session)
                return session
            }
        } catch {
            report("warning: could not save the session to \(path): \(error)")
            return nil
        }
    }

    /// Replaces the file with `session`.
    package func save(_ session: SavedSession) {
        update { $0 = session }
    }

    private func write(_ session: SavedSession) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try writePrivateFile(try encoder.encode(session), to: path)
    }

    /// Runs `body` holding an exclusive `flock` on `session.json.lock` beside the file.
    private func withLock<T>(_ body: () throws -> T) throws -> T {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let descriptor = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ShellError("cannot open \(path).lock: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw ShellError("cannot lock \(path).lock: \(String(cString: strerror(errno)))")
            }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
