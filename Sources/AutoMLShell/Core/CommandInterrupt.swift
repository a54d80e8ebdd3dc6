import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ctrl-C while a command runs: instead of ending the shell, it sets the same pending-interrupt flag the line
/// editor uses. Commands that wait on an operation (`watch`, `train --deploy`, a download) look at the flag and stop
/// waiting in their own words; any other command is cancelled when the flag is still set a moment later — its
/// requests, waits and uploads end, and the shell says it was interrupted. What the server already started goes on.
enum CommandInterrupt {
    /// How long a command has to take the flag itself before it is cancelled.
    static let grace = Duration.milliseconds(300)

    /// Runs `body` with SIGINT turned into the flag, then puts the previous handler back. `body` runs in a task of
    /// its own, so that cancelling it leaves the shell's task (and the next command) alone; the caller waits for it
    /// and does nothing else meanwhile.
    static func catching(_ body: @escaping () async throws -> Void) async throws {
        _ = TerminalSignals.consume(TerminalSignals.interrupt)
        var action = sigaction()
        var previous = sigaction()
        let handler: @convention(c) (Int32) -> Void = { _ in
            pendingTerminalSignals.bitwiseOr(TerminalSignals.interrupt, ordering: .releasing)
        }
        #if canImport(Glibc)
            action.__sigaction_handler = unsafeBitCast(handler, to: sigaction.__Unnamed_union___sigaction_handler.self)
        #else
            action.__sigaction_u = unsafeBitCast(handler, to: __sigaction_u.self)
        #endif
        sigemptyset(&action.sa_mask)
        sigaction(SIGINT, &action, &previous)
        defer { sigaction(SIGINT, &previous, nil) }
        let work = ExclusiveTransfer(body)
        let command = Task { try await work.value() }
        let interrupted = Atomic(false)
        let watchdog = Task {
            var since: ContinuousClock.Instant?
            while !Task.isCancelled {
                if TerminalSignals.interruptPending {
                    let now = ContinuousClock.now
                    if let since, now - since >= grace {
                        _ = TerminalSignals.consume(TerminalSignals.interrupt)
                        interrupted.store(true, ordering: .releasing)
                        command.cancel()
                        return
                    }
                    since = since ?? now
                } else {
                    since = nil
                }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        defer { watchdog.cancel() }
        do {
            try await command.value
        } catch {
            if interrupted.load(ordering: .acquiring) { throw ShellError.interrupted }
            throw error
        }
    }

    /// Whether Ctrl-C was pressed since the command started (and clears it).
    static func consume() -> Bool {
        TerminalSignals.consume(TerminalSignals.interrupt)
    }
}

/// A value handed to another task while its owner waits for that task and touches nothing meanwhile: the shell's
/// session, which commands use from one task at a time.
private struct ExclusiveTransfer<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
