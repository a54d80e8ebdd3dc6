import AutoMLClient
import Foundation

extension ShellSession {
    /// The plan for a local source of `dataset import`: a folder of label folders, or a CSV naming local images.
    func localImportPlan(_ path: String, split: SplitRatio?) throws -> LocalImportPlan {
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw ShellError(
                "no such file or folder: \(path)",
                hint: "name a folder of label folders, a CSV in the import format, or a gs:// URI of a CSV")
        }
        if isFolder.boolValue { return try LocalImportPlan.folder(url, split: split) }
        if split != nil {
            throw ShellError(
                "--split is for folders; \(path) is a CSV", hint: "give each row its split (TRAIN, VALIDATION, TEST)")
        }
        if ImageSniffer.format(of: Self.head(of: url)) != nil {
            throw ShellError(
                "\(path) is an image, not a CSV", hint: "import its folder: one sub-folder per label, images inside")
        }
        return try LocalImportPlan.csv(url)
    }

    /// Lists the files a plan leaves out, with their reasons (at most 20, and how many more).
    func reportSkipped(_ plan: LocalImportPlan) {
        guard !plan.skipped.isEmpty else { return }
        let count = plan.skipped.count
        note("skipping \(count) file\(count == 1 ? "" : "s") of \(plan.sourceName):")
        for skipped in plan.skipped.prefix(20) { note("  \(skipped.path): \(skipped.reason)") }
        if count > 20 { note("  … and \(count - 20) more") }
    }

    /// Uploads a plan's images and its import file (v1's CSV, or Vertex AI's JSON Lines for a dataset of `kind`)
    /// under `prefix`; returns the import file's `gs://` URI.
    func stage(
        _ plan: LocalImportPlan, under prefix: StorageLocation, storage: StorageClient, format: StagedImportFormat,
        kind: DatasetKind
    ) async throws -> String {
        let items = ImageUploader.items(plan.uploads.map { ($0.file, $0.relativeName) })
        var view = UploadProgressView(output: output, title: plan.sourceName)
        let uploader = ImageUploader(storage: storage, prefix: prefix)
        let progress: ImageUploader.Progress
        do {
            progress = try await uploader.run(items, report: { view.show($0) }, stop: interrupted)
        } catch let failure as UploadFailure {
            view.clear()
            throw ShellError(
                "could not upload \(failure.file.path) to \(failure.location): "
                    + ErrorReport.oneLine(failure.underlying, session: self),
                hint: "run the same import again: files already sent are not sent twice")
        } catch {
            view.clear()
            throw error
        }
        view.clear()
        note(UploadProgressView.summary(progress, to: "gs://\(prefix.bucket)/\(prefix.name)/"))
        switch format {
        case .automlCSV:
            let csv = StorageLocation(bucket: prefix.bucket, name: prefix.name + "/import.csv")
            _ = try await storage.upload(Data(plan.csv(prefix: prefix).utf8), to: csv, contentType: "text/csv")
            return csv.description
        case .vertexJSONLines:
            let file = StorageLocation(bucket: prefix.bucket, name: prefix.name + "/import.jsonl")
            let text = plan.jsonLines(prefix: prefix, kind: kind)
            _ = try await storage.upload(Data(text.utf8), to: file, contentType: "application/jsonl")
            return file.description
        }
    }

    private static func head(of file: URL) -> [UInt8] {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: 16)) ?? Data())
    }
}
