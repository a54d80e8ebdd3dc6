import Foundation
import Testing

/// Compares `actual` byte for byte with the golden file `Snapshots/<name>` next to the calling test file.
///
/// With the environment variable `RECORD_SNAPSHOTS` set, writes the file instead (and passes). A missing file
/// fails and says how to record it. On a mismatch the failure shows the first line that differs.
func assertSnapshot(
    _ actual: String, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = folder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
        } catch {
            Issue.record("could not record snapshot \(name): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected = FileManager.default.contents(atPath: file.path) else {
        Issue.record(
            "no snapshot \(name); run the tests with RECORD_SNAPSHOTS=1 to record it",
            sourceLocation: sourceLocation)
        return
    }
    guard expected != Data(actual.utf8) else { return }
    let expectedText = String(decoding: expected, as: UTF8.self)
    let expectedLines = expectedText.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let line =
        Array(zip(expectedLines, actualLines)).firstIndex { $0 != $1 }
        ?? min(expectedLines.count, actualLines.count)
    let want = line < expectedLines.count ? String(reflecting: String(expectedLines[line])) : "(end of file)"
    let got = line < actualLines.count ? String(reflecting: String(actualLines[line])) : "(end of output)"
    Issue.record(
        """
        snapshot \(name) differs at line \(line + 1) (RECORD_SNAPSHOTS=1 re-records it)
          expected: \(want)
          actual:   \(got)
        """, sourceLocation: sourceLocation)
}
