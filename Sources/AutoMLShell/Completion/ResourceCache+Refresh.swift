package import Foundation

/// How a background refresh ended.
package enum ResourceRefreshOutcome: Sendable, Equatable {
    /// The listing replaced the cached kind; a warning when the file could not be written.
    case refreshed(count: Int, warning: ResourceCacheWarning?)
    /// The listing failed; the cached entries stay, and no new attempt starts before the retry delay.
    case failed(message: String)
    /// The scope changed while listing; the result was dropped.
    case discarded
}

extension ResourceCache {
    /// Starts listing `kind` in the background when it is stale, unless a refresh of it is already running or the
    /// last one failed less than `retryDelay` seconds ago. Returns at once: the Tab callback calls this and goes on
    /// answering from the cache; it never awaits the task (tests do). Nil when nothing was started.
    ///
    /// Only `ResourceKind.refreshed` refresh: projects and locations come from the cache folders, and evaluations
    /// from the `evaluations` command, so for them this does nothing. The new entries count as fetched at `now`, the
    /// start of the listing.
    @discardableResult
    package func refreshIfStale(
        _ kind: ResourceKind, now: Date, maxAge: TimeInterval, retryDelay: TimeInterval = 30,
        list: @escaping @Sendable () async throws -> [ResourceEntry]
    ) -> Task<ResourceRefreshOutcome, Never>? {
        guard ResourceKind.refreshed.contains(kind),
            let scope = beginRefresh(kind, now: now, maxAge: maxAge, retryDelay: retryDelay)
        else { return nil }
        return Task {
            let outcome: ResourceRefreshOutcome
            do {
                let entries = try await list()
                var applied = false
                let warning = update(ifScope: scope) { catalog in
                    catalog.replace(kind, with: entries, fetchedAt: now)
                    applied = true
                }
                outcome = applied ? .refreshed(count: entries.count, warning: warning) : .discarded
            } catch {
                outcome = .failed(message: "\(error)")
            }
            var failed = false
            if case .failed = outcome { failed = true }
            endRefresh(kind, scope: scope, failedAt: failed ? now : nil)
            return outcome
        }
    }
}
