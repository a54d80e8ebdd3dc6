import Foundation

/// What file-path completion may ask of the file system: a folder's entries, and the home folder for `~/`.
package struct CompletionFileSystem: Sendable {
    /// One entry of a folder.
    package struct Entry: Sendable, Hashable {
        package var name: String
        /// Whether it is a folder (or a link to one): it completes with a `/` and no space.
        package var isDirectory: Bool

        package init(name: String, isDirectory: Bool) {
            self.name = name
            self.isDirectory = isDirectory
        }
    }

    /// The entries of the folder at `path` (relative paths from the working directory), without `.` and `..`;
    /// nil when it cannot be read.
    package var listDirectory: @Sendable (_ path: String) -> [Entry]?
    /// What `~` stands for; nil leaves `~/` uncompleted.
    package var homeDirectory: String?

    package init(homeDirectory: String?, listDirectory: @escaping @Sendable (_ path: String) -> [Entry]?) {
        self.homeDirectory = homeDirectory
        self.listDirectory = listDirectory
    }

    /// No file system: paths complete to nothing.
    package static let none = CompletionFileSystem(homeDirectory: nil) { _ in nil }

    /// The real file system; `~` is `HOME` from `environment`.
    package static func live(environment: [String: String]) -> CompletionFileSystem {
        CompletionFileSystem(homeDirectory: environment["HOME"]) { path in
            let manager = FileManager.default
            guard let names = try? manager.contentsOfDirectory(atPath: path) else { return nil }
            let folder = path.hasSuffix("/") ? path : path + "/"
            return names.map { name in
                var isFolder: ObjCBool = false
                let exists = manager.fileExists(atPath: folder + name, isDirectory: &isFolder)
                return Entry(name: name, isDirectory: exists && isFolder.boolValue)
            }
        }
    }
}
