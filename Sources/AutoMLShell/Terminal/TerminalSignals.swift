import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The one piece of process-wide state in the line editor, and why it cannot be avoided: a signal handler
// is a plain C function that receives only the signal number, so whatever it needs must be reachable
// without a context pointer. That is (1) a set of pending-signal flags, (2) a pipe whose write end the
// handler pokes to wake the reader, and (3) the terminal settings to put back before exiting on
// SIGTERM/SIGHUP. All are `let`s: atomics, descriptors created once, and a termios buffer written once
// (by the first reader that arms it) and only read afterwards, so a handler never sees a half-written
// value. Readers created with `handlesSignals: false` (the tests) touch none of it.
//
// Why a pipe and not just EINTR: a handler interrupts a blocked `read` only on the thread it runs on. In
// an async program (`automl`'s main is async) the line is read on a Swift concurrency thread, and those
// threads block nearly all signals, so the kernel runs the handler on another thread and the `read`
// would go on waiting. The reader therefore waits with `poll` on the terminal and on this pipe.

/// Which signals arrived and have not been dealt with yet, one bit per signal.
let pendingTerminalSignals = Atomic<UInt32>(0)

/// The self-pipe that wakes a reader blocked in `poll`, whichever thread ran the handler. Both ends are
/// non-blocking: a full pipe already means "wake up".
struct TerminalWakePipe: Sendable {
    let readEnd: Int32
    let writeEnd: Int32

    init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            }
        }
        (readEnd, writeEnd) = (ends[0], ends[1])
    }

    /// Empties the pipe (after a wake-up).
    func drain() {
        var bytes = (UInt64(0), UInt64(0))
        while withUnsafeMutableBytes(of: &bytes, { read(readEnd, $0.baseAddress, $0.count) }) > 0 {}
    }
}
let terminalWakePipe = TerminalWakePipe()

/// The terminal settings saved when the first signal-handling reader started, for the SIGTERM/SIGHUP
/// handler. Allocated once and never freed; `savedTerminalDescriptor` says whether it is set.
private struct SavedTerminalSettings: @unchecked Sendable {
    let settings = UnsafeMutablePointer<termios>.allocate(capacity: 1)
}
private let savedTerminalSettings = SavedTerminalSettings()
/// -1: nothing saved; -2: being saved; otherwise the descriptor to restore `savedTerminalSettings` on.
private let savedTerminalDescriptor = Atomic<Int32>(-1)

enum TerminalSignals {
    // Computed, not stored: a handler must not run a lazy initialiser.
    static var interrupt: UInt32 { 1 << 0 }
    static var resize: UInt32 { 1 << 1 }
    static var resume: UInt32 { 1 << 2 }

    /// Whether Ctrl-C arrived and `readLine` has not dealt with it yet.
    static var interruptPending: Bool {
        pendingTerminalSignals.load(ordering: .acquiring) & interrupt != 0
    }

    /// Clears `flags` and says whether any of them was set.
    static func consume(_ flags: UInt32) -> Bool {
        pendingTerminalSignals.bitwiseAnd(~flags, ordering: .acquiringAndReleasing).oldValue & flags != 0
    }

    /// Saves `settings` of `descriptor` for the exit handler, unless a reader already did.
    static func armTerminalRestore(descriptor: Int32, settings: termios) {
        guard savedTerminalDescriptor.compareExchange(expected: -1, desired: -2, ordering: .acquiring).exchanged
        else { return }
        savedTerminalSettings.settings.pointee = settings
        savedTerminalDescriptor.store(descriptor, ordering: .releasing)
    }

    /// Installs handlers for the signals that matter while a line is read: SIGINT (drop the line),
    /// SIGWINCH (redraw at the new width), SIGCONT (back from Ctrl-Z: editing mode again). None uses
    /// SA_RESTART, so the blocked `read` returns EINTR and the reader looks at the flags. Returns what
    /// to put back afterwards.
    static func installReadingHandlers() -> SavedActions {
        let handler: @convention(c) (Int32) -> Void = { signal in
            let savedErrno = errno
            let flag: UInt32 =
                switch signal {
                case SIGINT: TerminalSignals.interrupt
                case SIGWINCH: TerminalSignals.resize
                default: TerminalSignals.resume
                }
            pendingTerminalSignals.bitwiseOr(flag, ordering: .releasing)
            var byte: UInt8 = 0
            _ = write(terminalWakePipe.writeEnd, &byte, 1)
            errno = savedErrno
        }
        return install(handler, for: [SIGINT, SIGWINCH, SIGCONT])
    }

    /// Unblocks, on the calling thread, the signals the reader handles (a Swift concurrency thread blocks
    /// them all), so that one of them arriving while the line is read can be handled right here. Returns
    /// the mask to put back.
    static func unblockOnThisThread() -> sigset_t {
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGINT, SIGWINCH, SIGCONT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
        var previous = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &signals, &previous)
        return previous
    }

    static func restoreMask(_ mask: sigset_t) {
        var mask = mask
        pthread_sigmask(SIG_SETMASK, &mask, nil)
    }

    /// Installs SIGTERM and SIGHUP handlers that put the saved terminal settings back and exit with
    /// 128 + the signal, using only async-signal-safe calls (`tcsetattr`, `_exit`).
    static func installExitHandlers() -> SavedActions {
        let handler: @convention(c) (Int32) -> Void = { signal in
            let descriptor = savedTerminalDescriptor.load(ordering: .acquiring)
            if descriptor >= 0 { _ = tcsetattr(descriptor, TCSANOW, savedTerminalSettings.settings) }
            _exit(128 + signal)
        }
        return install(handler, for: [SIGTERM, SIGHUP])
    }

    /// The actions that were in place before `install`, to put back with `restore()`.
    struct SavedActions {
        fileprivate var actions: [(signal: Int32, action: sigaction)] = []

        func restore() {
            for (signal, action) in actions.reversed() {
                var action = action
                sigaction(signal, &action, nil)
            }
        }
    }

    private static func install(_ handler: @convention(c) (Int32) -> Void, for signals: [Int32]) -> SavedActions {
        // Touch the lazily initialised globals here, so a handler never runs their one-time initialiser.
        _ = savedTerminalSettings.settings
        _ = pendingTerminalSignals.load(ordering: .relaxed)
        _ = terminalWakePipe.writeEnd
        _ = savedTerminalDescriptor.load(ordering: .relaxed)
        var saved = SavedActions()
        for signal in signals {
            var action = sigaction()
            #if canImport(Glibc)
                action.__sigaction_handler.sa_handler = handler
            #else
                action.__sigaction_u.__sa_handler = handler
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var previous = sigaction()
            if sigaction(signal, &action, &previous) == 0 { saved.actions.append((signal, previous)) }
        }
        return saved
    }
}
