import Foundation

/// An exclusive `flock` on a file, taken without blocking a thread: tried every 20 ms until it is free.
struct FileLock {
    private let descriptor: Int32

    /// Takes the lock on `file` (created 0600), waiting at most `timeout`.
    static func acquire(_ file: URL, timeout: Duration) async throws -> FileLock {
        let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ShellError("cannot open \(file.path): \(String(cString: strerror(errno)))")
        }
        let deadline = ContinuousClock.now + timeout
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, ContinuousClock.now < deadline else {
                close(descriptor)
                throw ShellError(
                    "another automl process has been starting the local server for too long "
                        + "(\(file.path) stays locked)")
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return FileLock(descriptor: descriptor)
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
