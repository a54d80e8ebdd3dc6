import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ctrl-C while a command runs: instead of ending the shell, it sets the same pending-interrupt flag the line
/// editor uses, and commands that wait (`watch`) look at it and stop waiting.
enum CommandInterrupt {
    /// Runs `body` with SIGINT turned into the flag, then puts the previous handler back.
    static func catching<Result>(_ body: () async throws -> Result) async rethrows -> Result {
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
        return try await body()
    }

    /// Whether Ctrl-C was pressed since the command started (and clears it).
    static func consume() -> Bool {
        TerminalSignals.consume(TerminalSignals.interrupt)
    }
}
