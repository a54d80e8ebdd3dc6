import Foundation
import Synchronization
import Testing

@testable import AutoMLShell

@Suite("Completion: file paths")
struct FileCompletionTests {
    /// A temporary folder with `a.csv`, `b.txt`, `B.CSV`, `.hidden`, `data dir/`, `docs/`.
    final class Folder {
        let path: String

        init() throws {
            path = NSTemporaryDirectory() + "automl-completion-\(UUID().uuidString)"
            let manager = FileManager.default
            try manager.createDirectory(atPath: path + "/data dir", withIntermediateDirectories: true)
            try manager.createDirectory(atPath: path + "/docs", withIntermediateDirectories: true)
            for name in ["a.csv", "b.txt", "B.CSV", ".hidden", "docs/guide.md"] {
                try Data().write(to: URL(fileURLWithPath: path + "/" + name))
            }
        }

        deinit {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    @Test func listsAFoldersEntriesWithSlashesOnFolders() throws {
        let folder = try Folder()
        let engine = TestCommands.engine(fileSystem: .live(environment: [:]))
        let result = engine.complete("predict \(folder.path)/⌖")
        #expect(result.displays == ["B.CSV", "a.csv", "b.txt", "data dir/", "docs/"])
        #expect(result.insertions.last == "\(folder.path)/docs/")
        #expect(result.candidates.map(\.appendsSpace) == [true, true, true, false, false])
        #expect(result.range.lowerBound == 8)
    }

    @Test func aNameWithASpaceIsQuoted() throws {
        let folder = try Folder()
        let engine = TestCommands.engine(fileSystem: .live(environment: [:]))
        let result = engine.complete("predict \(folder.path)/da⌖")
        #expect(result.insertions == ["'\(folder.path)/data dir/'"])
        #expect(result.candidates.first?.appendsSpace == false)
        let inQuotes = engine.complete("predict \"\(folder.path)/data⌖")
        #expect(inQuotes.insertions == ["\"\(folder.path)/data dir/\""])
        // Typing on after the closing quote still reads as one path.
        let continued = engine.complete("predict '\(folder.path)/docs/'g⌖")
        #expect(continued.insertions == ["\(folder.path)/docs/guide.md"])
    }

    @Test func dotFilesOnlyWhenADotIsTyped() throws {
        let folder = try Folder()
        let engine = TestCommands.engine(fileSystem: .live(environment: [:]))
        #expect(engine.complete("predict \(folder.path)/.⌖").displays == [".hidden"])
    }

    @Test func csvArgumentsOfferCSVFilesAndFolders() throws {
        let folder = try Folder()
        let engine = TestCommands.engine(fileSystem: .live(environment: [:]))
        #expect(engine.complete("import \(folder.path)/⌖").displays == ["B.CSV", "a.csv", "data dir/", "docs/"])
    }

    @Test func directoryArgumentsOfferFoldersOnly() throws {
        let folder = try Folder()
        let engine = TestCommands.engine(fileSystem: .live(environment: [:]))
        #expect(engine.complete("export --to \(folder.path)/⌖").displays == ["data dir/", "docs/"])
    }

    @Test func tildeStandsForTheHomeFolder() throws {
        let folder = try Folder()
        let engine = TestCommands.engine(fileSystem: .live(environment: ["HOME": folder.path]))
        #expect(engine.complete("predict ~/do⌖").insertions == ["~/docs/"])
        #expect(engine.complete("predict ~⌖").insertions == ["~/"])
        #expect(TestCommands.engine(fileSystem: .live(environment: [:])).complete("predict ~/⌖").candidates.isEmpty)
    }

    @Test func relativePathsListTheWorkingDirectoryThroughTheClosure() {
        let asked = FileSystemLog()
        let fileSystem = CompletionFileSystem(homeDirectory: nil) { path in
            asked.record(path)
            return path == "."
                ? [.init(name: "run.csv", isDirectory: false), .init(name: "in", isDirectory: true)]
                : [.init(name: "x.png", isDirectory: false)]
        }
        let engine = TestCommands.engine(fileSystem: fileSystem)
        #expect(engine.complete("predict r⌖").insertions == ["run.csv"])
        #expect(engine.complete("predict in/⌖").insertions == ["in/x.png"])
        #expect(asked.paths == [".", "in/"])
        #expect(engine.complete("predict a.png ⌖").insertions == ["in/", "run.csv"])
    }

    @Test func anUnreadableFolderOffersNothing() {
        let engine = TestCommands.engine(fileSystem: .live(environment: [:]))
        #expect(engine.complete("predict /no/such/folder/⌖").candidates.isEmpty)
    }
}

/// The folders a fake file system was asked for.
final class FileSystemLog: Sendable {
    private let mutex = Mutex<[String]>([])

    func record(_ path: String) { mutex.withLock { $0.append(path) } }
    var paths: [String] { mutex.withLock { $0 } }
}
