package import Foundation

/// Where the local server of a data folder listens, and the token every request to it must carry: the file
/// `DATA_DIR/server.json` (mode 0600, in a 0700 folder, so no other user can read it). The server writes it once it
/// listens and removes it when it stops cleanly; `automl` reads it to find the server, and `automl emulator status`
/// shows it.
///
/// ```json
/// {"url": "http://127.0.0.1:40123", "token": "…", "pid": 4242, "version": "0.1.0", "startedAt": "2026-12-04T17:30:00Z"}
/// ```
package struct LocalServerAddress: Codable, Sendable, Hashable {
    /// `http://127.0.0.1:PORT`.
    package var url: String
    /// The bearer token: `Authorization: Bearer TOKEN`.
    package var token: String
    /// The server's process.
    package var pid: Int32
    /// The server's version (`automl-emulator --version`).
    package var version: String
    /// When it started, RFC 3339.
    package var startedAt: String

    package init(url: String, token: String, pid: Int32, version: String, startedAt: String) {
        self.url = url
        self.token = token
        self.pid = pid
        self.version = version
        self.startedAt = startedAt
    }

    /// The files of the service in a data folder.
    package enum Files {
        /// The address file.
        package static let address = "server.json"
        /// Where the server started by `automl` writes its log.
        package static let log = "server.log"
        /// Held by a command while it starts the server, so that commands starting together start one.
        package static let startLock = "server-start.lock"
    }

    /// The address file of a data folder.
    package static func path(in dataDirectory: URL) -> URL {
        dataDirectory.appendingPathComponent(Files.address)
    }

    /// The address written in `dataDirectory`; nil when there is none or it cannot be read.
    package static func read(in dataDirectory: URL) -> LocalServerAddress? {
        guard let data = FileManager.default.contents(atPath: path(in: dataDirectory).path) else { return nil }
        return try? JSONDecoder().decode(LocalServerAddress.self, from: data)
    }

    /// Writes the file atomically with mode 0600 (a temporary file, then rename).
    package func write(in dataDirectory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let target = Self.path(in: dataDirectory)
        let temporary = dataDirectory.appendingPathComponent(".\(Files.address).\(getpid()).tmp")
        guard
            FileManager.default.createFile(
                atPath: temporary.path, contents: try encoder.encode(self),
                attributes: [.posixPermissions: 0o600])
        else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw CocoaError(
                .fileWriteUnknown,
                userInfo: [
                    NSFilePathErrorKey: target.path,
                    NSLocalizedDescriptionKey: reason,
                ])
        }
    }

    /// Removes the address file if it still names process `pid` (a newer server may have replaced it).
    package static func remove(in dataDirectory: URL, ifPID pid: Int32) {
        guard let current = read(in: dataDirectory), current.pid == pid else { return }
        unlink(path(in: dataDirectory).path)
    }

    /// Whether process `pid` exists (it may belong to someone else: `kill` answers EPERM then).
    package var processExists: Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
