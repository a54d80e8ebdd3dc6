import Foundation

/// Runs blocking work (a child process waited for, a tmux screen polled) on a thread of its own, so that it does not
/// hold one of the few threads Swift's concurrency runs every other test on (two on a two-core machine): tests
/// blocked there starve the async tests beside them, whose deadlines then pass.
package func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 4 << 20
        thread.start()
    }
}
