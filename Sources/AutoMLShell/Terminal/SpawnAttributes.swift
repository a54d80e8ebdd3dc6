#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `posix_spawn` attributes that give the child every signal at its default and none blocked, whatever the spawning
/// thread has (a Swift concurrency thread blocks them all): the local server must die of SIGTERM, and a pager must see
/// SIGWINCH and SIGINT.
enum SpawnAttributes {
    /// Calls `body` with such attributes; `flags` adds to them (`POSIX_SPAWN_SETSID`).
    static func withDefaultSignals<Result>(
        flags: Int32 = 0, _ body: (UnsafePointer<posix_spawnattr_t>) -> Result
    ) -> Result {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | flags))
        return body(&attributes)
    }
}
