extension CompletionEngine {
    /// Paths starting with `prefix`: the entries of its folder part (the working directory when it has none,
    /// the home folder for `~/`) whose names start with its last part. Folders end in `/` and take no space;
    /// files are kept only when `extensions` is empty or has theirs (ignoring case). Dot files only when the
    /// last part starts with a dot. Listed by name alone.
    func paths(prefix: String, extensions: [String], directoriesOnly: Bool) -> [CompletionValue] {
        if prefix == "~", fileSystem.homeDirectory != nil {
            return [CompletionValue(text: "~/", display: "~/", appendsSpace: false)]
        }
        let slash = prefix.utf8.lastIndex(of: UInt8(ascii: "/"))
        let folder = slash.map { String(prefix[...$0]) } ?? ""
        let namePrefix = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        guard let listed = listingPath(of: folder), let entries = fileSystem.listDirectory(listed) else { return [] }
        let wanted = Set(extensions.map { $0.lowercased() })
        return entries.compactMap { entry -> CompletionValue? in
            guard UTF8Order.hasPrefix(entry.name, namePrefix), entry.name != ".", entry.name != ".." else {
                return nil
            }
            if entry.name.hasPrefix("."), !namePrefix.hasPrefix(".") { return nil }
            if entry.isDirectory {
                return CompletionValue(text: folder + entry.name + "/", display: entry.name + "/", appendsSpace: false)
            }
            guard !directoriesOnly else { return nil }
            if !wanted.isEmpty {
                let fileExtension = entry.name.split(separator: ".").last.map { $0.lowercased() }
                guard entry.name.contains("."), let fileExtension, wanted.contains(fileExtension) else { return nil }
            }
            return CompletionValue(text: folder + entry.name, display: entry.name)
        }
    }

    /// The folder to list for the folder part of a path: `.` for none, the home folder in place of `~/`.
    private func listingPath(of folder: String) -> String? {
        if folder.isEmpty { return "." }
        if folder.hasPrefix("~/") {
            guard let home = fileSystem.homeDirectory else { return nil }
            return (home.hasSuffix("/") ? String(home.dropLast()) : home) + String(folder.dropFirst())
        }
        return folder
    }
}
