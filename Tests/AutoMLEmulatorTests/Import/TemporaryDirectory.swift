import Foundation

/// A fresh directory under the system temporary folder, removed by ``remove()``.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("automl-import-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// `url` with `relative` appended.
    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    /// Creates a directory (and its parents) at `relative`.
    @discardableResult
    func makeDirectory(_ relative: String) throws -> String {
        let path = path(relative)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `bytes` to a file at `relative`, creating the parent folders.
    @discardableResult
    func write(_ bytes: [UInt8], to relative: String) throws -> String {
        let path = path(relative)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true
        )
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
