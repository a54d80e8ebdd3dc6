import Foundation
import Testing

@testable import AutoMLShell

/// Tab on `gs://` URIs: the ones the shell used, a folder at a time.
struct StorageURICompletionTests {
    static let catalog: ResourceCatalog = {
        var catalog = ResourceCatalog()
        for uri in [
            "gs://automl-shell/imports/flowers/", "gs://automl-shell/imports/flowers/import.csv",
            "gs://automl-shell/imports/garden/import.csv", "gs://automl-shell/exports/",
            "gs://data/labels.csv",
        ] {
            catalog.insert(.storageURI, id: uri)
        }
        return catalog
    }()

    @Test func aFolderAtATime() {
        let engine = TestCommands.engine(catalog: Self.catalog)
        #expect(engine.complete("import ⌖").insertions == ["gs://automl-shell/", "gs://data/"])
        #expect(engine.complete("import gs://a⌖").insertions == ["gs://automl-shell/"])
        let inBucket = engine.complete("import gs://automl-shell/⌖")
        #expect(inBucket.insertions == ["gs://automl-shell/exports/", "gs://automl-shell/imports/"])
        #expect(inBucket.displays == ["exports/", "imports/"])
        #expect(inBucket.candidates.allSatisfy { !$0.appendsSpace })
        let inFolder = engine.complete("import gs://automl-shell/imports/flowers/⌖")
        #expect(
            inFolder.insertions == ["gs://automl-shell/imports/flowers/import.csv"], "the folder itself is not offered")
        #expect(inFolder.candidates.first?.appendsSpace == true)
        #expect(engine.complete("import gs://data/l⌖").insertions == ["gs://data/labels.csv"])
        #expect(engine.complete("import gs://nothing/⌖").insertions == [])
    }

    @Test func importOffersLocalFoldersAndCSVsBesideURIs() throws {
        let tree = try CommandTree(root: ShellRoot.self)
        let fileSystem = CompletionFileSystem(homeDirectory: nil) { path in
            path == "."
                ? [
                    .init(name: "flowers", isDirectory: true), .init(name: "labels.csv", isDirectory: false),
                    .init(name: "notes.txt", isDirectory: false), .init(name: "gs-notes", isDirectory: true),
                ]
                : nil
        }
        let engine = CompletionEngine(tree: tree, catalog: Self.catalog, fileSystem: fileSystem, maxCandidates: 50)
        #expect(
            engine.complete("dataset import ⌖").insertions == [
                "flowers/", "gs-notes/", "gs://automl-shell/", "gs://data/", "labels.csv",
            ])
        #expect(engine.complete("dataset import gs:⌖").insertions == ["gs://automl-shell/", "gs://data/"])
        #expect(engine.complete("download gs://automl-shell/e⌖").insertions == ["gs://automl-shell/exports/"])
        #expect(engine.complete("download ⌖").insertions == ["gs://automl-shell/", "gs://data/"], "no local files")
        #expect(engine.complete("model export --download f⌖").insertions == ["flowers/"])
    }
}
