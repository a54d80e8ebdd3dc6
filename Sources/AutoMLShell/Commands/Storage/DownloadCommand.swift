import ArgumentParser

/// `download gs://BUCKET/PATH [DIR]`: fetches an object, or every object under a folder, through the storage API.
struct DownloadCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download a gs:// file, or every file under a gs:// folder, to a local folder.",
        discussion: """
            Files under a folder keep their paths below it: `download gs://b/exports/run1/ out` writes \
            out/predictions.csv for gs://b/exports/run1/predictions.csv. Files already in DIR are replaced. \
            `model export … --download DIR` and `batch-predict … --download DIR` do this when they are done.
            """)
    @Argument(help: "A gs:// file or folder (a folder ends in /).") var uri: String
    @Argument(help: "The local folder to write to (the current one by default).") var dir: String = "."

    func run(in session: ShellSession) async throws {
        try await session.download(uri, into: dir)
        let isFolder = uri.hasSuffix("/")
        session.remember(storageFiles: isFolder ? [] : [uri], folders: isFolder ? [uri] : [])
    }
}
