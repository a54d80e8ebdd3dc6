import Foundation

/// The history file: UTF-8 text, one entry per line, oldest first. Saved whole after each accepted line,
/// atomically (a temporary file, then rename) with mode 0600 in a folder created with mode 0700.
///
/// Two shells open at once each save their own list, so the last one to save wins; the history is a
/// convenience and this keeps the file simple and never half-written.
struct HistoryFile: Sendable {
    let path: String

    /// The saved entries, oldest first; none when the file does not exist yet.
    func load() throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShellError("cannot read the history file \(path)")
        }
        // Split on bytes: "\r\n" is one Character in Swift, so a Character split would miss it.
        return data.split(separator: 0x0A, omittingEmptySubsequences: true).compactMap { line in
            let text = String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
            return text.isEmpty ? nil : text
        }
    }

    func save(_ entries: [String]) throws {
        var text = entries.joined(separator: "\n")
        if !entries.isEmpty { text += "\n" }
        try writePrivateFile(Data(text.utf8), to: path)
    }
}
