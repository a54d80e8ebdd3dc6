package import Foundation
import Synchronization

/// The shell's resource cache: the catalog of the current endpoint/project/location, shared by the commands that
/// update it and the Tab callback that reads it.
///
/// Reading (`snapshot`) takes a brief lock to copy a reference and never waits for a load, a refresh or a write:
/// writers build the new catalog and write the file outside that lock, then swap the snapshot in. Writers are
/// serialized among themselves by a second lock. Every change is written through to the file of the scope.
package final class ResourceCache: Sendable {
    /// The locations AutoML API v1 serves; always offered for `use location`.
    package static let knownLocations = ["eu", "us-central1"]

    private struct State {
        var scope: ResourceScope
        var catalog: ResourceCatalog
        /// Whether the scope's file has been read into `catalog` (writers read it first when not).
        var isLoaded = false
        /// A problem with the file found by a background load, until someone takes it to show.
        var loadWarning: ResourceCacheWarning?
        /// Kinds with a background refresh running.
        var refreshing: Set<ResourceKind> = []
        /// When a background refresh of a kind last failed, so a broken network is not asked at every Tab.
        var failedAt: [ResourceKind: Date] = [:]
    }

    private let state: Mutex<State>
    /// Held by every writer for the whole change (build, swap, file write); readers never take it.
    private let writer = Mutex(())
    /// Nil when the cache lives in memory only.
    package let store: ResourceCacheStore?

    /// A cache for `scope`, empty until `load()` or `loadInBackground()`; nothing is read here, so creating one
    /// costs nothing at start-up.
    package init(scope: ResourceScope, store: ResourceCacheStore?) {
        self.store = store
        // A cache in memory only has no file to wait for.
        state = Mutex(State(scope: scope, catalog: ResourceCatalog(), isLoaded: store == nil))
    }

    /// The scope whose resources the catalog holds.
    package var scope: ResourceScope {
        state.withLock { $0.scope }
    }

    /// The current catalog, O(1): a copy that later changes do not affect.
    package var snapshot: ResourceCatalog {
        state.withLock { $0.catalog }
    }

    /// Whether `kind` should be listed again (see `ResourceCatalog.isStale`).
    package func isStale(_ kind: ResourceKind, now: Date, maxAge: TimeInterval) -> Bool {
        snapshot.isStale(kind, now: now, maxAge: maxAge)
    }

    /// Whether the file of the current scope has been read.
    package var isLoaded: Bool {
        state.withLock { $0.isLoaded }
    }

    /// Reads the file of the current scope and puts its catalog in place (with the projects and locations known on
    /// disk), even when it was read before; a warning when the file was corrupt.
    @discardableResult
    package func load() -> ResourceCacheWarning? {
        writer.withLock { _ in readFile() }
    }

    /// Reads the file of the current scope on a thread of its own, unless it has been read, and returns at once:
    /// the interactive shell shows its prompt meanwhile (Tab offers no IDs until the file is in). A problem with
    /// the file waits in `takeLoadWarning()`. Writers that come first read the file themselves, so nothing written
    /// is lost either way.
    package func loadInBackground() {
        Thread.detachNewThread { [self] in
            writer.withLock { _ in
                guard !state.withLock({ $0.isLoaded }), let warning = readFile() else { return }
                state.withLock { $0.loadWarning = warning }
            }
        }
    }

    /// The problem a background load found, once.
    package func takeLoadWarning() -> ResourceCacheWarning? {
        state.withLock { state in
            defer { state.loadWarning = nil }
            return state.loadWarning
        }
    }

    /// Moves to another endpoint/project/location with an empty catalog, not read yet (`loadInBackground()` reads
    /// it; a change reads it first). Nothing happens when the scope is the same.
    package func switchScope(to scope: ResourceScope) {
        writer.withLock { _ in
            guard self.scope != scope else { return }
            var catalog = ResourceCatalog()
            addKnownScopes(to: &catalog, scope: scope, fromDisk: false)
            state.withLock { $0 = State(scope: scope, catalog: catalog, isLoaded: store == nil) }
        }
    }

    /// Reads the current scope's file into the catalog; the caller holds `writer`.
    private func readFile() -> ResourceCacheWarning? {
        let scope = self.scope
        var warning: ResourceCacheWarning?
        var catalog = ResourceCatalog()
        if let store {
            (catalog, warning) = store.load(scope)
        }
        addKnownScopes(to: &catalog, scope: scope)
        state.withLock { state in
            guard state.scope == scope else { return }
            state.catalog = catalog
            state.isLoaded = true
        }
        return warning
    }

    /// Puts a fresh listing of `kind` in place (after a list call) and writes the file.
    @discardableResult
    package func replace(_ kind: ResourceKind, with entries: [ResourceEntry], fetchedAt: Date) -> ResourceCacheWarning?
    {
        update(ifScope: nil) { $0.replace(kind, with: entries, fetchedAt: fetchedAt) }
    }

    /// Adds a resource (after a create) and writes the file.
    @discardableResult
    package func insert(_ kind: ResourceKind, id: String, displayName: String = "") -> ResourceCacheWarning? {
        update(ifScope: nil) { $0.insert(kind, id: id, displayName: displayName) }
    }

    /// Forgets a resource (after a delete) and writes the file.
    @discardableResult
    package func remove(_ kind: ResourceKind, id: String) -> ResourceCacheWarning? {
        update(ifScope: nil) { $0.remove(kind, id: id) }
    }

    /// Applies `change` to the catalog of the current scope — or to nothing when `expected` is given and the scope
    /// has moved on — then writes the file of that scope. The file is read first when it has not been, so a change
    /// made before the background load never replaces the file with less than it held (a file that cannot be read
    /// as a cache of this scope is replaced, as after `load()`, and the warning says so).
    func update(ifScope expected: ResourceScope?, _ change: (inout ResourceCatalog) -> Void) -> ResourceCacheWarning? {
        writer.withLock { _ in
            if let expected, expected != scope { return nil }
            let loadWarning = isLoaded ? nil : readFile()
            let (scope, current) = state.withLock { ($0.scope, $0.catalog) }
            var catalog = current
            change(&catalog)
            state.withLock { $0.catalog = catalog }
            let saveWarning = store?.save(catalog, for: scope)
            guard let loadWarning, let saveWarning else { return loadWarning ?? saveWarning }
            return ResourceCacheWarning(
                path: loadWarning.path, message: loadWarning.message + "; " + saveWarning.message)
        }
    }

    /// Marks `kind` as refreshing when it needs it and nothing stops it; the scope to list, or nil.
    func beginRefresh(_ kind: ResourceKind, now: Date, maxAge: TimeInterval, retryDelay: TimeInterval)
        -> ResourceScope?
    {
        state.withLock { state in
            // Not before the file is read: the listing may be fresh on disk.
            guard state.isLoaded, state.catalog.isStale(kind, now: now, maxAge: maxAge),
                !state.refreshing.contains(kind)
            else {
                return nil
            }
            if let failed = state.failedAt[kind], now.timeIntervalSince(failed) < retryDelay { return nil }
            state.refreshing.insert(kind)
            return state.scope
        }
    }

    /// Clears the refreshing mark of `kind` (when the scope is still the one listed) and remembers a failure.
    func endRefresh(_ kind: ResourceKind, scope: ResourceScope, failedAt: Date?) {
        state.withLock { state in
            guard state.scope == scope else { return }
            state.refreshing.remove(kind)
            state.failedAt[kind] = failedAt
        }
    }

    /// Adds the projects and locations to offer: the scope's own, those with a cache on disk, and AutoML's locations.
    private func addKnownScopes(to catalog: inout ResourceCatalog, scope: ResourceScope, fromDisk: Bool = true) {
        var projects = [scope.project]
        var locations = Self.knownLocations + [scope.location]
        if fromDisk, let store {
            projects += store.knownProjects(endpoint: scope.endpoint)
            locations += store.knownLocations(endpoint: scope.endpoint, project: scope.project)
        }
        catalog.replace(.project, with: projects.map { ResourceEntry(id: $0) }, fetchedAt: nil)
        catalog.replace(.location, with: locations.map { ResourceEntry(id: $0) }, fetchedAt: nil)
    }
}
