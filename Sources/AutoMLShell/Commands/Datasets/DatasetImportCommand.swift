import ArgumentParser
import AutoMLClient
import Foundation

/// `dataset import [--dataset D] [--bucket B] [--prefix P] [--split 80/10/10] SOURCE...`: uploads local sources,
/// starts importing and makes the operation current.
struct DatasetImportCommand: StartsOperation {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import images and labels: CSVs in Cloud Storage, or a folder or CSV on this machine.",
        discussion: """
            A SOURCE is one of:
              gs://BUCKET/labels.csv   a CSV in the AutoML import format, already in Cloud Storage
              ./flowers/               a folder with one folder of images per label (flowers/daisy/1.jpg), \
            optionally inside train/, validation/ and test/ folders that give the splits
              ./labels.csv             a CSV in the import format whose image paths are files on this machine \
            (relative to the CSV's folder); classification and object detection rows alike

            Local images are checked first (files that are no image, or cut short, are listed and left out), then \
            uploaded with the import CSV the shell writes to gs://BUCKET/PREFIX/, several at once; objects already \
            there with the same size and MD5 are not sent again, so an interrupted import is finished by running it \
            again. The bucket is --bucket, else `set bucket`, else (on the local backend) automl-shell.
            """)
    @Option(help: "The dataset (the current one by default).") var dataset: String?
    @Option(help: "The bucket local files go to (default: `set bucket`; automl-shell on the local backend).")
    var bucket: String?
    @Option(help: "Where in the bucket local files go (default: imports/NAME, NAME the folder's or CSV's name).")
    var prefix: String?
    @Option(help: "TRAIN/VALIDATION/TEST percentages for a folder without split folders, e.g. 80/10/10.")
    var split: String?
    @Argument(help: "gs:// CSV URIs, local folders of label folders, or local CSVs.") var source: [String]

    func validate() throws {
        guard !source.isEmpty else { throw ValidationError("name at least one source: a gs:// CSV, a folder or a CSV") }
        if let split, SplitRatio(parsing: split) == nil {
            throw ValidationError("--split takes three percentages that add up to 100, like 80/10/10")
        }
        if let prefix {
            let trimmed = prefix.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            guard !trimmed.isEmpty, !trimmed.split(separator: "/").contains(where: { $0 == "." || $0 == ".." })
            else { throw ValidationError("--prefix must be a folder name in the bucket, like imports/flowers") }
        }
    }

    func run(in session: ShellSession) async throws {
        let name = try await session.dataset(dataset)
        let backend = try await session.backend()
        let local = source.filter { !$0.hasPrefix("gs://") }
        if local.isEmpty, bucket != nil || prefix != nil || split != nil {
            throw ShellError("--bucket, --prefix and --split are for local folders and CSVs; every source is gs://")
        }
        let plans = try local.map { try session.localImportPlan($0, split: split.flatMap(SplitRatio.init(parsing:))) }
        for plan in plans { session.reportSkipped(plan) }
        if let empty = plans.first(where: { $0.rows.isEmpty }) {
            throw ShellError("\(empty.sourceName) has no images to import", hint: "see the files listed above")
        }
        let prefixes = plans.map { plan in
            let base = prefix?.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            return base.map { plans.count == 1 ? $0 : "\($0)/\(plan.sourceName)" } ?? "imports/\(plan.sourceName)"
        }
        if Set(prefixes).count < prefixes.count {
            throw ShellError(
                "two sources would go to the same place in the bucket (\(prefixes.joined(separator: ", ")))",
                hint: "import them one at a time with different --prefix values")
        }
        let kind =
            backend.importNeedsDatasetKind ? backend.datasetKind(of: try await backend.getDataset(name)) : .multiclass
        var uris: [String] = []
        if !plans.isEmpty {
            let storage = try await session.storage()
            let bucket = try await session.importBucket(bucket, storage)
            for (plan, path) in zip(plans, prefixes) {
                let folder = StorageLocation(bucket: bucket, name: path)
                uris.append(
                    try await session.stage(
                        plan, under: folder, storage: storage, format: backend.stagedImportFormat, kind: kind))
                session.remember(folders: [folder.description])
            }
        }
        var localIndex = 0
        let csvs = source.map { text -> String in
            guard !text.hasPrefix("gs://") else { return text }
            defer { localIndex += 1 }
            return uris[localIndex]
        }
        let operation = try await backend.importData(into: name, kind: kind, uris: csvs)
        session.remember(storageFiles: csvs)
        await session.started(operation, what: "import into \(name.dataset)", on: .dataset(name))
    }
}
