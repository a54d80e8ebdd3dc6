import AutoMLClient
import Foundation

extension ShellSession {
    /// Follows an operation that writes under a `gs://` folder (a model export, a batch prediction) and then downloads
    /// what it wrote into `folder`. Ctrl-C stops watching (the operation goes on) and says how to fetch the files
    /// later.
    func downloadWhenDone(_ operation: BackendOperation, requested destination: String, into folder: String)
        async throws
    {
        guard let done = try await OperationWatcher(session: self).follow(operation.reference) else {
            note("the files were not downloaded; once it is done: `download \(destination) \(folder)`")
            return
        }
        settle(done)
        emit(done.json)
        if let error = done.error { throw AutoMLError(operationError: error) }
        let written = done.outputDirectory ?? destination
        remember(folders: [written])
        try await download(written, into: folder)
    }

    /// Downloads the object a `gs://` URI names, or every object under it when it names a folder (ends in `/`, or
    /// no object has that name), into `folder`, keeping the paths below the folder URI. Prints a summary.
    func download(_ uri: String, into folder: String) async throws {
        guard let location = StorageLocation(uri: uri) else {
            throw ShellError("\(uri) is not a gs:// URI", hint: "name a file or folder as gs://BUCKET/PATH")
        }
        let storage = try await storage()
        let local = URL(fileURLWithPath: (folder as NSString).expandingTildeInPath)
        var objects: [StorageObject] = []
        var base = location.name
        if !location.name.isEmpty, !location.name.hasSuffix("/"), let object = try await storage.object(location) {
            objects = [object]
            base = String(location.name[..<(location.name.lastIndex(of: "/") ?? location.name.startIndex)])
        } else {
            if !base.isEmpty, !base.hasSuffix("/") { base += "/" }
            objects = try await storage.list(bucket: location.bucket, prefix: base).filter { !$0.name.hasSuffix("/") }
        }
        guard !objects.isEmpty else {
            throw ShellError("nothing is stored at \(uri)", hint: "check the URI: Tab completes the ones used before")
        }
        let started = ContinuousClock.now
        var bytes: Int64 = 0
        for object in objects {
            let relative = String(object.name.dropFirst(base.count)).trimmingPrefix("/")
            let target = try Self.localPath(for: String(relative), under: local)
            let data = try await storage.download(StorageLocation(bucket: object.bucket, name: object.name))
            do {
                try FileManager.default.createDirectory(
                    at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: target, options: .atomic)
            } catch {
                throw ShellError("cannot write \(target.path): \(error.localizedDescription)")
            }
            bytes += Int64(data.count)
            if interrupted() {
                throw ShellError("the download stopped after \(target.path)", hint: "run it again to fetch every file")
            }
        }
        let seconds = (ContinuousClock.now - started).components
        let elapsed = Double(seconds.seconds) + Double(seconds.attoseconds) / 1e18
        note(
            "downloaded \(objects.count) file\(objects.count == 1 ? "" : "s") (\(ByteCount.describe(bytes))) from "
                + "\(uri) to \(local.path) in \(String(format: "%.1f", elapsed)) s")
    }

    /// Where an object goes under the download folder; a name that would leave it (`..`) is refused.
    static func localPath(for relative: String, under folder: URL) throws -> URL {
        let parts = relative.split(separator: "/")
        guard !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0 == "." }) else {
            throw ShellError("the object name \(relative) cannot be a file under \(folder.path)")
        }
        return parts.reduce(folder) { $0.appendingPathComponent(String($1)) }
    }
}
