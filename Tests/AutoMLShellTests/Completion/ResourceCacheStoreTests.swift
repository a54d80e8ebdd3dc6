import Foundation
import Testing

@testable import AutoMLShell

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A temporary cache home, removed at the end.
final class TemporaryCacheHome {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "automl-cache-\(UUID().uuidString)"
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    var store: ResourceCacheStore {
        ResourceCacheStore(environment: ["XDG_CACHE_HOME": path]) ?? ResourceCacheStore(directory: path + "/automl")
    }

    /// The permission bits and inode of a path.
    static func fileStatus(_ path: String) -> (mode: mode_t, inode: UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (info.st_mode & 0o777, UInt64(info.st_ino))
    }
}

@Suite("Completion: resource cache files")
struct ResourceCacheStoreTests {
    let scope = ResourceScope(endpoint: nil, project: "my-project", location: "us-central1")

    static func sampleCatalog() -> ResourceCatalog {
        var catalog = ResourceCatalog()
        catalog.replace(
            .dataset,
            with: [
                ResourceEntry(id: "ICN1", displayName: "flowers"), ResourceEntry(id: "ICN2", displayName: "日本"),
            ], fetchedAt: Date(timeIntervalSince1970: 1_700_000_000.25))
        catalog.replace(.model, with: [ResourceEntry(id: "ICN9", displayName: "m")], fetchedAt: nil)
        catalog.insert(.operation, id: "OP1")
        return catalog
    }

    @Test func pathsFollowXDG() {
        let xdg = ResourceCacheStore(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"])
        #expect(xdg?.path(for: scope) == "/c/automl/local/my-project/us-central1.json")
        let home = ResourceCacheStore(environment: ["HOME": "/h/"])
        #expect(home?.path(for: scope) == "/h/.cache/automl/local/my-project/us-central1.json")
        // A relative XDG_CACHE_HOME is ignored, as the XDG spec says.
        let relative = ResourceCacheStore(environment: ["XDG_CACHE_HOME": "rel", "HOME": "/h"])
        #expect(relative?.directory == "/h/.cache/automl")
        #expect(ResourceCacheStore(environment: [:]) == nil)
    }

    @Test func endpointsBecomeSafeFolderNames() {
        #expect(CacheSlug.endpoint(nil) == "local")
        #expect(CacheSlug.endpoint("https://automl.googleapis.com/") == "automl.googleapis.com")
        #expect(CacheSlug.endpoint("http://127.0.0.1:8080") == "http_127.0.0.1_8080")
        #expect(CacheSlug.endpoint("https://x/../../etc") == "x_.._.._etc")
        #expect(CacheSlug.endpoint("https://..") == "_..")
        #expect(CacheSlug.endpoint("local") == "_local")
        #expect(!CacheSlug.endpoint("https://a/b?c=d e").contains("/"))
    }

    @Test func projectsAndLocationsEncodeReversibly() {
        for name in ["my-project", "example.com:proj", "a/b", "..", ".", "", "日本", "100%"] {
            let slug = CacheSlug.component(name)
            #expect(!slug.contains("/"), "\(name)")
            #expect(slug != "." && slug != "..", "\(name)")
            #expect(CacheSlug.decodeComponent(slug) == name, "\(name)")
        }
        #expect(CacheSlug.component("example.com:proj") == "example.com%3Aproj")
        #expect(CacheSlug.decodeComponent("bad%G1") == nil)
    }

    @Test func saveThenLoadRoundTrips() throws {
        let home = TemporaryCacheHome()
        let store = home.store
        #expect(store.save(Self.sampleCatalog(), for: scope) == nil)
        let (catalog, warning) = store.load(scope)
        #expect(warning == nil)
        #expect(catalog.entries(.dataset) == Self.sampleCatalog().entries(.dataset))
        #expect(catalog.entries(.model) == [ResourceEntry(id: "ICN9", displayName: "m")])
        #expect(catalog.entries(.operation) == [ResourceEntry(id: "OP1")])
        #expect(catalog.fetchedAt(.dataset) == Date(timeIntervalSince1970: 1_700_000_000.25))
        #expect(catalog.fetchedAt(.model) == nil)
        #expect(catalog.count(.evaluation) == 0)
        // Another scope does not see it.
        let other = ResourceScope(endpoint: "https://automl.googleapis.com", project: "my-project", location: "eu")
        #expect(store.load(other).catalog.count(.dataset) == 0)
    }

    @Test func filesKeepTheIndexOrdersAndFilesWithoutThemStillLoad() throws {
        let home = TemporaryCacheHome()
        let store = home.store
        var catalog = ResourceCatalog()
        catalog.replace(
            .dataset,
            with: [
                ResourceEntry(id: "D2", displayName: "b"), ResourceEntry(id: "D1", displayName: "C"),
                ResourceEntry(id: "D3"),
            ], fetchedAt: nil)
        #expect(store.save(catalog, for: scope) == nil)
        let text = try String(contentsOfFile: store.path(for: scope), encoding: .utf8)
        #expect(text.contains(#""entries":[["D1","C"],["D2","b"],["D3",""]],"nameOrder":[1,0]"#), "\(text)")

        // A file written before `nameOrder` existed, unsorted, with a one-element entry: read and sorted.
        try Data(
            #"""
            {"version": 1, "endpoint": null, "project": "my-project", "location": "us-central1",
             "kinds": {"model": {"fetchedAt": 1700000000, "entries": [["M9", "zeta"], ["M1", "Alpha"], ["M5"]]},
                       "unknown": {"entries": 3}}}
            """#.utf8
        ).write(to: URL(fileURLWithPath: store.path(for: scope)))
        let (loaded, warning) = store.load(scope)
        #expect(warning == nil)
        #expect(loaded.entries(.model).map(\.id) == ["M1", "M5", "M9"])
        #expect(loaded.matches(.model, prefix: "al", limit: 10).entries.map(\.id) == ["M1"])
        #expect(loaded.matches(.model, prefix: "Z", limit: 10).entries.map(\.id) == ["M9"])
        #expect(loaded.fetchedAt(.model) == Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test func filesAre0600AndFolders0700() throws {
        let home = TemporaryCacheHome()
        let store = home.store
        #expect(store.save(Self.sampleCatalog(), for: scope) == nil)
        #expect(TemporaryCacheHome.fileStatus(store.path(for: scope))?.mode == 0o600)
        for folder in [
            store.directory, store.endpointDirectory(nil),
            store.projectDirectory(endpoint: nil, project: "my-project"),
        ] {
            #expect(TemporaryCacheHome.fileStatus(folder)?.mode == 0o700, "\(folder)")
        }
    }

    @Test func writesReplaceTheFileByRenameAndLeaveNoTemporaryFiles() throws {
        let home = TemporaryCacheHome()
        let store = home.store
        let path = store.path(for: scope)
        #expect(store.save(Self.sampleCatalog(), for: scope) == nil)
        let before = try #require(TemporaryCacheHome.fileStatus(path))
        var changed = Self.sampleCatalog()
        changed.remove(.dataset, id: "ICN1")
        #expect(store.save(changed, for: scope) == nil)
        let after = try #require(TemporaryCacheHome.fileStatus(path))
        // A new inode: the old file was never opened for writing, so a reader sees the old or the new file whole.
        #expect(before.inode != after.inode)
        #expect(after.mode == 0o600)
        let folder = store.projectDirectory(endpoint: nil, project: "my-project")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["us-central1.json"])
        #expect(store.load(scope).catalog.entries(.dataset).map(\.id) == ["ICN2"])
    }

    @Test(arguments: [
        "not json at all",
        #"{"version": 1}"#,
        #"{"version": 7, "project": "my-project", "location": "us-central1", "kinds": {}}"#,
        #"{"version": 1, "project": "my-project", "location": "us-central1", "kinds": {"dataset": {"entries": [[]]}}}"#,
        #"{"version": 1, "project": "other", "location": "us-central1", "kinds": {}}"#,
    ])
    func aCorruptFileIsEmptyWithAWarning(contents: String) throws {
        let home = TemporaryCacheHome()
        let store = home.store
        #expect(store.save(ResourceCatalog(), for: scope) == nil)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: store.path(for: scope)))
        let (catalog, warning) = store.load(scope)
        #expect(catalog.count(.dataset) == 0)
        let message = try #require(warning)
        #expect(message.path == store.path(for: scope))
        #expect(message.description.hasPrefix("resource cache "))
    }

    @Test func aMissingFileIsEmptyWithoutAWarning() {
        let home = TemporaryCacheHome()
        let (catalog, warning) = home.store.load(scope)
        #expect(catalog.count(.dataset) == 0)
        #expect(warning == nil)
    }

    @Test func anUnreadableFileIsAWarning() throws {
        let home = TemporaryCacheHome()
        let store = home.store
        try FileManager.default.createDirectory(atPath: store.path(for: scope), withIntermediateDirectories: true)
        #expect(store.load(scope).warning != nil)
        // And a write over a folder fails with a warning too, never a crash.
        #expect(store.save(Self.sampleCatalog(), for: scope) != nil)
    }

    @Test func anUncreatableFolderIsAWarning() throws {
        let home = TemporaryCacheHome()
        try FileManager.default.createDirectory(atPath: home.path, withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: home.path + "/file"))
        let store = ResourceCacheStore(directory: home.path + "/file/automl")
        let warning = try #require(store.save(Self.sampleCatalog(), for: scope))
        #expect(warning.message.contains("cannot be created"))
    }

    @Test func knownProjectsAndLocationsComeFromTheFolders() {
        let home = TemporaryCacheHome()
        let store = home.store
        for (project, location) in [("p1", "us-central1"), ("p1", "eu"), ("a:b", "us-central1")] {
            #expect(
                store.save(
                    ResourceCatalog(),
                    for: ResourceScope(
                        endpoint: nil, project: project,
                        location: location)) == nil)
        }
        #expect(
            store.save(
                ResourceCatalog(),
                for: ResourceScope(
                    endpoint: "https://x", project: "p9",
                    location: "eu")) == nil)
        #expect(store.knownProjects(endpoint: nil) == ["a:b", "p1"])
        #expect(store.knownLocations(endpoint: nil, project: "p1") == ["eu", "us-central1"])
        #expect(store.knownProjects(endpoint: "https://x") == ["p9"])
    }
}
