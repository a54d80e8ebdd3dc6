import AutoMLClient
import AutoMLWire
import Foundation

/// Sends local files to objects under a Cloud Storage prefix, several at once, leaving out those already there with
/// the same size and MD5 (so an import run again sends nothing it sent before).
struct ImageUploader {
    let storage: StorageClient
    let prefix: StorageLocation
    /// How many uploads run at once.
    var concurrency = 8

    /// How far an upload is.
    struct Progress: Sendable {
        var files = 0
        var totalFiles: Int
        var bytes: Int64 = 0
        /// The bytes actually sent (those of files that were not there already).
        var sentBytes: Int64 = 0
        var totalBytes: Int64
        /// Files not sent because the same bytes were there already.
        var unchanged = 0
        var started = ContinuousClock.now

        var elapsed: Duration { ContinuousClock.now - started }
    }

    /// One file to send, and its object name under the prefix.
    struct Item: Sendable {
        var file: URL
        var relativeName: String
        var size: Int64
    }

    /// The items for files, with their sizes (a file that cannot be read counts 0 here and fails when sent).
    static func items(_ files: [(file: URL, relativeName: String)]) -> [Item] {
        files.map { entry in
            let size =
                (try? FileManager.default.attributesOfItem(atPath: entry.file.path)[.size] as? NSNumber)
                .map { $0.int64Value } ?? 0
            return Item(file: entry.file, relativeName: entry.relativeName, size: size)
        }
    }

    /// Sends the items and returns the final progress. `report` is called after each file; `stop` is asked between
    /// files, and a true answer ends the upload with ``ShellError`` once the files being sent are done.
    func run(_ items: [Item], report: (Progress) -> Void, stop: () -> Bool) async throws -> Progress {
        var progress = Progress(totalFiles: items.count, totalBytes: items.reduce(0) { $0 + $1.size })
        let present = try await existingObjects()
        try await withThrowingTaskGroup(of: (index: Int, sent: Bool).self) { group in
            var next = 0
            func startNext() {
                guard next < items.count else { return }
                let (index, item) = (next, items[next])
                next += 1
                group.addTask { [self] in (index, try await send(item, present: present[objectName(item)])) }
            }
            for _ in 0..<min(concurrency, items.count) { startNext() }
            while let finished = try await group.next() {
                progress.files += 1
                progress.bytes += items[finished.index].size
                if finished.sent {
                    progress.sentBytes += items[finished.index].size
                } else {
                    progress.unchanged += 1
                }
                report(progress)
                if stop() {
                    group.cancelAll()
                    throw ShellError(
                        "the upload stopped after \(progress.files) of \(items.count) files",
                        hint: "run the same import again: files already sent are not sent twice")
                }
                startNext()
            }
        }
        return progress
    }

    private func objectName(_ item: Item) -> String {
        prefix.name.isEmpty ? item.relativeName : prefix.name + "/" + item.relativeName
    }

    /// The size and MD5 of each object under the prefix.
    private func existingObjects() async throws -> [String: (size: Int64, md5: String)] {
        let listing = try await storage.list(
            bucket: prefix.bucket, prefix: prefix.name.isEmpty ? "" : prefix.name + "/")
        return Dictionary(listing.map { ($0.name, (size: $0.size, md5: $0.md5Hash)) }, uniquingKeysWith: { $1 })
    }

    /// Sends one file unless the object holds the same bytes; true when it was sent.
    private func send(_ item: Item, present: (size: Int64, md5: String)?) async throws -> Bool {
        let data: Data
        do {
            data = try Data(contentsOf: item.file)
        } catch {
            throw ShellError("cannot read \(item.file.path)", hint: "the file changed since the import was planned")
        }
        let bytes = [UInt8](data)
        if let present, present.size == Int64(bytes.count), present.md5 == MD5.base64(of: bytes) { return false }
        let location = StorageLocation(bucket: prefix.bucket, name: objectName(item))
        do {
            _ = try await storage.upload(
                data, to: location, contentType: ImageSniffer.contentType(of: Array(bytes.prefix(16))))
        } catch {
            throw UploadFailure(file: item.file, location: location, underlying: error)
        }
        return true
    }
}

/// An upload the storage service refused or that never arrived, after the client's retries.
struct UploadFailure: Error {
    var file: URL
    var location: StorageLocation
    var underlying: any Error
}
