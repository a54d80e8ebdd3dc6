package import Foundation
import Synchronization

/// A process started to outlive the one that starts it: in a session of its own (so a Ctrl-C or a closed terminal
/// does not reach it), standard input from `/dev/null`, standard output and error appended to a log file, no other
/// descriptor inherited (a test's pipe held open by a server would keep the test waiting), signals at their
/// defaults.
///
/// While the starting process lives, a thread waits for the child so that it never lingers as a zombie (a zombie
/// would still look alive to `kill(pid, 0)`).
package final class DetachedProcess: Sendable {
    package let pid: pid_t
    private let exitStatus = Mutex<Int32?>(nil)

    private init(pid: pid_t) {
        self.pid = pid
    }

    /// The exit status once the process has ended; nil while it runs.
    package var exited: Int32? { exitStatus.withLock { $0 } }

    /// Starts `executable` with `arguments` and `environment`, its output appended to `logFile` (created 0600).
    package static func spawn(_ executable: URL, arguments: [String], environment: [String: String], logFile: URL)
        throws -> DetachedProcess
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logFile.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        _ = closeFrom?(&actions, 3)
        let argv = [executable.path] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnvironment.forEach { free($0) } }
        var pid: pid_t = 0
        let result = SpawnAttributes.withDefaultSignals(flags: setSessionFlag) { attributes in
            posix_spawn(&pid, executable.path, &actions, attributes, &cArguments, &cEnvironment)
        }
        guard result == 0 else {
            throw ShellError("cannot start \(executable.path): \(String(cString: strerror(result)))")
        }
        let process = DetachedProcess(pid: pid)
        let child = pid
        Thread.detachNewThread {
            var status: Int32 = 0
            while waitpid(child, &status, 0) < 0, errno == EINTR {}
            process.exitStatus.withLock { $0 = status }
        }
        return process
    }
}

/// glibc's `POSIX_SPAWN_SETSID` (2.26 and later): the child calls `setsid`. Swift's Glibc module leaves out the GNU
/// extensions, so the value is written here.
private let setSessionFlag: Int32 = 0x80

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), looked up at run time for the same reason;
/// nil on an older C library, where the child inherits only what lacks close-on-exec.
private let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
    else { return nil }
    return unsafeBitCast(
        symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
}()
