/// Polls `condition` until it holds or `timeout` of wall time passes; returns whether it held.
/// For tests that wait on background work (an operation's runner) after moving a manual clock.
package func eventually(timeout: Duration = .seconds(10), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return try await condition()
}
