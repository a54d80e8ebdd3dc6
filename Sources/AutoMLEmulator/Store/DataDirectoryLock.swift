import Foundation
import Synchronization

/// An exclusive lock on a data directory, held for the life of the backend: two processes running
/// operations from the same database would run each one twice.
final class DataDirectoryLock: Sendable {
    /// The open lock file, nil once released.
    private let descriptor: Mutex<Int32?>

    /// Takes the lock on `directory/lock`, or throws naming the process that holds it.
    init(directory: URL) throws {
        let path = directory.appendingPathComponent("lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw EmulatorSetupError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(
                in: .whitespacesAndNewlines)
            close(descriptor)
            throw EmulatorSetupError(
                "the data directory \(directory.path) is in use by another automl process"
                    + (holder.map { $0.isEmpty ? "" : " (pid \($0))" } ?? "")
                    + ": talk to that one over HTTP (for the local server `automl` starts, `automl emulator status` "
                    + "says where; `automl emulator stop` stops it), or use another --data-dir")
        }
        ftruncate(descriptor, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
        self.descriptor = Mutex(descriptor)
    }

    /// Lets another process (or a new backend in this one) take the directory.
    func release() {
        guard
            let open = descriptor.withLock({ value in
                defer { value = nil }
                return value
            })
        else { return }
        flock(open, LOCK_UN)
        close(open)
    }

    deinit {
        release()
    }
}
