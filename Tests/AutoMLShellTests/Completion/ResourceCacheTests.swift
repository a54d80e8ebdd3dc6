import AutoMLTestSupport
import Foundation
import Testing

@testable import AutoMLShell

@Suite("Completion: the shared resource cache")
struct ResourceCacheTests {
    let scope = ResourceScope(endpoint: nil, project: "p1", location: "us-central1")
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func startsEmptyAndLoadsInTheBackgroundsTime() {
        let home = TemporaryCacheHome()
        var catalog = ResourceCatalog()
        catalog.replace(.dataset, with: [ResourceEntry(id: "D1", displayName: "flowers")], fetchedAt: t0)
        #expect(home.store.save(catalog, for: scope) == nil)
        let p2 = ResourceScope(endpoint: nil, project: "p2", location: "x")
        #expect(home.store.save(ResourceCatalog(), for: p2) == nil)

        let cache = ResourceCache(scope: scope, store: home.store)
        #expect(cache.snapshot.count(.dataset) == 0)
        #expect(cache.load() == nil)
        #expect(cache.snapshot.entries(.dataset) == [ResourceEntry(id: "D1", displayName: "flowers")])
        #expect(cache.snapshot.entries(.project).map(\.id) == ["p1", "p2"])
        #expect(cache.snapshot.entries(.location).map(\.id) == ["eu", "us-central1"])
    }

    @Test func aCorruptFileLoadsEmptyWithAWarning() throws {
        let home = TemporaryCacheHome()
        #expect(home.store.save(ResourceCatalog(), for: scope) == nil)
        try Data("{".utf8).write(to: URL(fileURLWithPath: home.store.path(for: scope)))
        let cache = ResourceCache(scope: scope, store: home.store)
        #expect(cache.load() != nil)
        #expect(cache.snapshot.count(.dataset) == 0)
        // The next change writes a good file again.
        #expect(cache.insert(.dataset, id: "D2") == nil)
        #expect(home.store.load(scope).warning == nil)
    }

    @Test func createsAndDeletesUpdateTheCacheAndTheFileAtOnce() {
        let home = TemporaryCacheHome()
        let cache = ResourceCache(scope: scope, store: home.store)
        #expect(cache.replace(.model, with: [ResourceEntry(id: "M1", displayName: "a")], fetchedAt: t0) == nil)
        #expect(cache.insert(.model, id: "M2", displayName: "b") == nil)
        #expect(cache.snapshot.entries(.model).map(\.id) == ["M1", "M2"])
        #expect(cache.remove(.model, id: "M1") == nil)
        #expect(cache.snapshot.entries(.model).map(\.id) == ["M2"])
        let reloaded = ResourceCache(scope: scope, store: home.store)
        reloaded.load()
        #expect(reloaded.snapshot.entries(.model) == [ResourceEntry(id: "M2", displayName: "b")])
        #expect(reloaded.snapshot.fetchedAt(.model) == t0)
    }

    @Test func snapshotsDoNotChangeUnderTheReader() {
        let cache = ResourceCache(scope: scope, store: nil)
        cache.insert(.dataset, id: "D1")
        let before = cache.snapshot
        cache.insert(.dataset, id: "D2")
        cache.remove(.dataset, id: "D1")
        #expect(before.entries(.dataset).map(\.id) == ["D1"])
        #expect(cache.snapshot.entries(.dataset).map(\.id) == ["D2"])
    }

    @Test func stalenessFollowsTheFetchTime() {
        let cache = ResourceCache(scope: scope, store: nil)
        #expect(cache.isStale(.dataset, now: t0, maxAge: 60))
        cache.replace(.dataset, with: [], fetchedAt: t0)
        #expect(!cache.isStale(.dataset, now: t0.addingTimeInterval(60), maxAge: 60))
        #expect(cache.isStale(.dataset, now: t0.addingTimeInterval(61), maxAge: 60))
        // A create does not make a never-listed kind fresh.
        cache.insert(.model, id: "M1")
        #expect(cache.isStale(.model, now: t0, maxAge: 60))
    }

    @Test func switchingScopeStartsEmpty() {
        let home = TemporaryCacheHome()
        let cache = ResourceCache(scope: scope, store: home.store)
        cache.insert(.dataset, id: "D1")
        let other = ResourceScope(endpoint: "http://127.0.0.1:9", project: "p1", location: "eu")
        cache.switchScope(to: other)
        #expect(cache.scope == other)
        #expect(cache.snapshot.count(.dataset) == 0)
        cache.switchScope(to: scope)
        cache.load()
        #expect(cache.snapshot.entries(.dataset).map(\.id) == ["D1"])
    }

    @Test func aStaleKindRefreshesInTheBackgroundOnce() async {
        let cache = ResourceCache(scope: scope, store: nil)
        let gate = Gate()
        let task = cache.refreshIfStale(.dataset, now: t0, maxAge: 60) {
            await gate.wait()
            return [ResourceEntry(id: "D9", displayName: "new")]
        }
        #expect(task != nil)
        // While it runs, readers see the old catalog and no second refresh starts.
        #expect(cache.snapshot.count(.dataset) == 0)
        #expect(cache.refreshIfStale(.dataset, now: t0, maxAge: 60) { [] } == nil)
        await gate.open()
        #expect(await task?.value == .refreshed(count: 1, warning: nil))
        #expect(cache.snapshot.entries(.dataset).map(\.id) == ["D9"])
        #expect(cache.snapshot.fetchedAt(.dataset) == t0)
        // Fresh now: nothing starts.
        #expect(cache.refreshIfStale(.dataset, now: t0.addingTimeInterval(30), maxAge: 60) { [] } == nil)
    }

    @Test func aFailedRefreshKeepsTheEntriesAndWaitsBeforeRetrying() async {
        let cache = ResourceCache(scope: scope, store: nil)
        cache.insert(.model, id: "M1")
        struct Offline: Error {}
        let task = cache.refreshIfStale(.model, now: t0, maxAge: 60, retryDelay: 30) { throw Offline() }
        guard case .failed = await task?.value else {
            Issue.record("expected a failure")
            return
        }
        #expect(cache.snapshot.entries(.model).map(\.id) == ["M1"])
        #expect(cache.refreshIfStale(.model, now: t0.addingTimeInterval(10), maxAge: 60, retryDelay: 30) { [] } == nil)
        let retry = cache.refreshIfStale(.model, now: t0.addingTimeInterval(31), maxAge: 60, retryDelay: 30) { [] }
        #expect(await retry?.value == .refreshed(count: 0, warning: nil))
    }

    @Test func aRefreshThatEndsAfterAScopeChangeIsDropped() async {
        let cache = ResourceCache(scope: scope, store: nil)
        let gate = Gate()
        let task = cache.refreshIfStale(.dataset, now: t0, maxAge: 60) {
            await gate.wait()
            return [ResourceEntry(id: "OLD")]
        }
        cache.switchScope(to: ResourceScope(endpoint: nil, project: "p2", location: "us-central1"))
        await gate.open()
        #expect(await task?.value == .discarded)
        #expect(cache.snapshot.count(.dataset) == 0)
    }

    @Test func aChangeBeforeTheLoadReadsTheFileFirst() {
        let home = TemporaryCacheHome()
        var catalog = ResourceCatalog()
        catalog.replace(.model, with: [ResourceEntry(id: "M1", displayName: "a")], fetchedAt: t0)
        #expect(home.store.save(catalog, for: scope) == nil)

        let cache = ResourceCache(scope: scope, store: home.store)
        #expect(!cache.isLoaded)
        #expect(cache.insert(.model, id: "M2", displayName: "b") == nil)
        #expect(cache.isLoaded)
        #expect(home.store.load(scope).catalog.entries(.model).map(\.id) == ["M1", "M2"])
        #expect(home.store.load(scope).catalog.fetchedAt(.model) == t0)

        // The same after moving to another scope and back: the file of each is read before it is written.
        let other = ResourceScope(endpoint: nil, project: "p2", location: "us-central1")
        cache.switchScope(to: other)
        cache.switchScope(to: scope)
        #expect(!cache.isLoaded)
        #expect(cache.remove(.model, id: "M1") == nil)
        #expect(home.store.load(scope).catalog.entries(.model).map(\.id) == ["M2"])
    }

    @Test func aBackgroundLoadFillsTheSnapshotAndKeepsItsWarning() async throws {
        let home = TemporaryCacheHome()
        var catalog = ResourceCatalog()
        catalog.replace(.dataset, with: [ResourceEntry(id: "D1", displayName: "flowers")], fetchedAt: t0)
        #expect(home.store.save(catalog, for: scope) == nil)
        let cache = ResourceCache(scope: scope, store: home.store)
        cache.loadInBackground()
        #expect(await eventually { cache.isLoaded })
        #expect(cache.snapshot.entries(.dataset).map(\.id) == ["D1"])
        #expect(cache.takeLoadWarning() == nil)

        try Data("[".utf8).write(to: URL(fileURLWithPath: home.store.path(for: scope)))
        let broken = ResourceCache(scope: scope, store: home.store)
        broken.loadInBackground()
        #expect(await eventually { broken.isLoaded })
        #expect(broken.takeLoadWarning()?.message.contains("corrupt") == true)
        #expect(broken.takeLoadWarning() == nil, "taken once")
    }

    @Test func noRefreshStartsBeforeTheFileIsRead() {
        let home = TemporaryCacheHome()
        let cache = ResourceCache(scope: scope, store: home.store)
        let task = cache.refreshIfStale(.dataset, now: t0, maxAge: 60) { [] }
        #expect(task == nil)
        cache.load()
        #expect(cache.refreshIfStale(.dataset, now: t0, maxAge: 60) { [] } != nil)
    }

    @Test func theEngineReadsTheCachesSnapshot() {
        let cache = ResourceCache(scope: scope, store: nil)
        cache.replace(.dataset, with: [ResourceEntry(id: "ICN7", displayName: "tulips")], fetchedAt: t0)
        let engine = CompletionEngine(tree: TestCommands.tree, catalog: cache.snapshot)
        #expect(engine.complete("use dataset tu⌖").insertions == ["ICN7"])
    }
}

/// Holds a task until opened.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}
