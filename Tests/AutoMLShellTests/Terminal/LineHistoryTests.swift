import Foundation
import Testing

@testable import AutoMLShell

/// The history's rules (no duplicates, a cap, one line per entry) and its file (atomic, 0600).
@Suite struct LineHistoryTests {
    @Test func consecutiveDuplicatesAreKeptOnce() {
        var history = LineHistory(capacity: 10)
        #expect(history.add("models") == .appended)
        #expect(history.add("models") == .unchanged)
        #expect(history.entries == ["models"])
    }

    @Test func anOlderDuplicateMovesToTheEnd() {
        var history = LineHistory(capacity: 10)
        history.add("datasets")
        history.add("models")
        #expect(history.add("datasets") == .moved)
        #expect(history.entries == ["models", "datasets"])
    }

    @Test func theOldestEntriesGoFirstPastTheCap() {
        var history = LineHistory(capacity: 3)
        for line in ["a", "b", "c", "d", "e"] { history.add(line) }
        #expect(history.entries == ["c", "d", "e"])
        #expect(LineHistory(capacity: 0).entries.isEmpty)
        var none = LineHistory(capacity: 0)
        #expect(none.add("a") == .rejected)
    }

    @Test func blankAndMultiLineEntriesAreRejected() {
        var history = LineHistory(capacity: 10)
        for line in ["", "   ", "\t", "a\nb", "a\rb", "a\u{0}b"] { #expect(history.add(line) == .rejected) }
        #expect(history.entries.isEmpty)
        #expect(history.add(" leading space is fine") == .appended)
    }

    @Test func loadingKeepsTheNewestOfEachAndTheCap() {
        let history = LineHistory(entries: ["a", "b", "a", "c", "", "b", "d"], capacity: 3)
        #expect(history.entries == ["c", "b", "d"])
        #expect(LineHistory(entries: ["x", "y", "x"], capacity: 10).entries == ["y", "x"])
    }

    @Test func theFileRoundTripsAndIsPrivate() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("automl-history-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("state/history").path
        let file = HistoryFile(path: path)
        #expect(try file.load() == [])

        try file.save(["use dataset ICN1", "train --budget 24", "日本 é"])
        #expect(try file.load() == ["use dataset ICN1", "train --budget 24", "日本 é"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "use dataset ICN1\ntrain --budget 24\n日本 é\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let state = folder.appendingPathComponent("state").path
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: state)
        #expect((folderAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        // No temporary file left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: state) == ["history"])

        try file.save([])
        #expect(try file.load() == [])
    }

    @Test func aFileWrittenElsewhereWithCRLFLoads() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("automl-history-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("models\r\n\r\ndatasets\r\nlast".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try HistoryFile(path: path).load() == ["models", "datasets", "last"])
    }
}
