import AutoMLClient
import Foundation

/// What `dataset import` sends when its source is on this machine: the image files to upload (each with the object
/// name it gets under the upload prefix), the rows of the import CSV that name those objects, and the files left out
/// with their reasons. Built before anything is uploaded.
///
/// Two sources:
/// - a folder of images, one sub-folder per label (the layout Keras' `image_dataset_from_directory` and
///   torchvision's `ImageFolder` read), optionally inside `train/`, `validation/` (or `val/`) and `test/` folders
///   that give the splits;
/// - a CSV in the import format whose image paths are local files (absolute, or relative to the CSV's folder),
///   classification or object detection rows alike.
struct LocalImportPlan {
    /// One image to upload.
    struct Upload: Hashable {
        var file: URL
        /// The object name under the prefix: the file's path relative to the source folder.
        var relativeName: String
    }

    /// A file left out, and why.
    struct Skipped: Hashable {
        var path: String
        var reason: String
    }

    var uploads: [Upload]
    /// The import CSV's rows; where an uploaded image's `gs://` URI goes, ``csv(prefix:)`` fills it in.
    var rows: [[String]]
    /// The index in `rows[i]` of the image path, per row.
    var pathColumn: [Int]
    /// The upload each row names; nil for a row whose image is in Cloud Storage already (a `gs://` URI, kept).
    var rowUploads: [Int?]
    var skipped: [Skipped]
    /// A short name for the source, used in the default upload prefix.
    var sourceName: String

    /// The import CSV for images uploaded under `prefix` (`gs://bucket/imports/flowers`).
    func csv(prefix: StorageLocation) -> String {
        var lines: [String] = []
        for (index, row) in rows.enumerated() {
            var fields = row
            if let upload = rowUploads[index].map({ uploads[$0] }) {
                fields[pathColumn[index]] = "gs://\(prefix.bucket)/\(prefix.name)/\(upload.relativeName)"
            }
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: Folders

    /// The folder names that give a split, and the split.
    static let splitFolderNames = [
        "train": "TRAIN", "training": "TRAIN", "validation": "VALIDATION", "val": "VALIDATION", "valid": "VALIDATION",
        "test": "TEST",
    ]

    /// The plan for a folder of label folders (or of split folders of label folders).
    static func folder(_ root: URL, split: SplitRatio?, fileSystem: FileManager = .default) throws -> LocalImportPlan {
        let top = try folders(in: root, fileSystem)
        let splitFolders = top.filter { splitFolderNames[$0.lowercased()] != nil }
        var plan = LocalImportPlan(
            uploads: [], rows: [], pathColumn: [], rowUploads: [], skipped: [], sourceName: root.lastPathComponent)
        if !splitFolders.isEmpty {
            if split != nil {
                throw ShellError(
                    "\(root.path) gives its splits by its \(splitFolders.sorted().joined(separator: ", ")) folders",
                    hint: "leave out --split, or import a folder of label folders")
            }
            for folder in splitFolders.sorted() {
                let use = splitFolderNames[folder.lowercased()] ?? "UNASSIGNED"
                for label in try folders(in: root.appendingPathComponent(folder), fileSystem).sorted() {
                    plan.addImages(in: root, relative: "\(folder)/\(label)", label: label) { names in
                        names.map { _ in use }
                    }
                }
                plan.skipLooseFiles(in: root.appendingPathComponent(folder), fileSystem)
            }
            for other in top where splitFolderNames[other.lowercased()] == nil {
                plan.skipped.append(
                    Skipped(
                        path: root.appendingPathComponent(other).path,
                        reason: "a folder beside the train, validation and test folders"))
            }
        } else {
            guard !top.isEmpty else {
                throw ShellError(
                    "\(root.path) has no label folders",
                    hint: "put each label's images in a folder named after it: \(root.lastPathComponent)/daisy/1.jpg")
            }
            for label in top.sorted() {
                plan.addImages(in: root, relative: label, label: label, split: split.map { ratio in ratio.splits(of:) })
            }
        }
        plan.skipLooseFiles(in: root, fileSystem)
        return plan
    }

    /// Lists the files right inside `folder` as skipped: images belong in label folders.
    private mutating func skipLooseFiles(in folder: URL, _ fileSystem: FileManager) {
        for name in ((try? fileSystem.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        where !name.hasPrefix(".") {
            var isFolder: ObjCBool = false
            let path = folder.appendingPathComponent(name).path
            if fileSystem.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                skipped.append(Skipped(path: path, reason: "not in a label folder"))
            }
        }
    }

    /// Adds the images under `root/relative` with `label`; with `split`, each row starts with the split it gives the
    /// label's images (given all their names, in order).
    private mutating func addImages(
        in root: URL, relative: String, label: String, split: (([String]) -> [String])? = nil
    ) {
        var names: [String] = []
        for file in Self.files(under: root.appendingPathComponent(relative)) {
            let name = relative + "/" + file
            let url = root.appendingPathComponent(name)
            if let reason = ImageSniffer.problem(with: url) {
                skipped.append(Skipped(path: url.path, reason: reason))
                continue
            }
            names.append(name)
        }
        let splits = split?(names)
        for (index, name) in names.enumerated() {
            uploads.append(Upload(file: root.appendingPathComponent(name), relativeName: name))
            rows.append((splits.map { [$0[index]] } ?? []) + ["", label])
            pathColumn.append(splits == nil ? 0 : 1)
            rowUploads.append(uploads.count - 1)
        }
    }

    private static func folders(in folder: URL, _ fileSystem: FileManager) throws -> [String] {
        guard let names = try? fileSystem.contentsOfDirectory(atPath: folder.path) else {
            throw ShellError("cannot read the folder \(folder.path)")
        }
        return names.filter { name in
            var isFolder: ObjCBool = false
            return !name.hasPrefix(".")
                && fileSystem.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder)
                && isFolder.boolValue
        }
    }

    /// The files under a folder, recursively, as paths relative to it, sorted; hidden ones left out.
    static func files(under folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [String] = []
        while let path = walker.nextObject() as? String {
            if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder),
                !isFolder.boolValue
            {
                files.append(path)
            }
        }
        return files.sorted()
    }

    // MARK: CSV files

    /// The plan for a CSV in the import format whose image paths are local.
    static func csv(_ file: URL) throws -> LocalImportPlan {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw ShellError("cannot read \(file.path)")
        }
        let folder = file.deletingLastPathComponent()
        var plan = LocalImportPlan(
            uploads: [], rows: [], pathColumn: [], rowUploads: [], skipped: [],
            sourceName: file.deletingPathExtension().lastPathComponent)
        var uploadIndex: [String: Int] = [:]
        let (records, errors) = CSVReader.read(String(decoding: data, as: UTF8.self))
        for error in errors {
            plan.skipped.append(Skipped(path: "\(file.path) line \(error.lineNumber)", reason: error.message))
        }
        for record in records {
            let fields = record.fields
            // `[ML_USE,]PATH,…`: the path is the first field that is not a split name.
            let column = fields.first.map { MLUseWord.isSplit($0) || $0.isEmpty } == true ? 1 : 0
            guard column < fields.count, !fields[column].isEmpty else {
                plan.skipped.append(Skipped(path: "\(file.path) line \(record.lineNumber)", reason: "no image path"))
                continue
            }
            let path = fields[column]
            if path.hasPrefix("gs://") {
                plan.rows.append(fields)
                plan.pathColumn.append(column)
                plan.rowUploads.append(nil)
                continue
            }
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
            let key = url.standardizedFileURL.path
            if uploadIndex[key] == nil {
                if let reason = ImageSniffer.problem(with: url) {
                    plan.skipped.append(Skipped(path: url.path, reason: reason))
                    continue
                }
                plan.uploads.append(Upload(file: url, relativeName: Self.objectName(for: url, under: folder)))
                uploadIndex[key] = plan.uploads.count - 1
            }
            guard let index = uploadIndex[key] else { continue }
            plan.rows.append(fields)
            plan.pathColumn.append(column)
            plan.rowUploads.append(index)
        }
        return plan
    }

    /// The object name of a file named by a CSV: its path relative to the CSV's folder, or `files/` and its absolute
    /// path for files elsewhere.
    static func objectName(for file: URL, under folder: URL) -> String {
        let path = file.standardizedFileURL.path
        let base = folder.standardizedFileURL.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : "files" + path
    }
}

/// The `ML_USE` words of the import format.
enum MLUseWord {
    static func isSplit(_ field: String) -> Bool {
        ["TRAIN", "VALIDATION", "TEST", "UNASSIGNED"].contains(field.uppercased())
    }
}

/// `--split 80/10/10`: shares of TRAIN, VALIDATION and TEST, assigned to each image by a hash of its name, so the
/// same file lands in the same split on every run of an unchanged folder; a label whose images the hash left with
/// no image in a split that has a share (few images, bad luck) gets one there from its largest split
/// (``splits(of:)``).
struct SplitRatio: Hashable {
    var train: Int
    var validation: Int
    var test: Int

    init?(parsing text: String) {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 3, parts.allSatisfy({ $0 >= 0 }), parts.reduce(0, +) == 100 else { return nil }
        (train, validation, test) = (parts[0], parts[1], parts[2])
    }

    func split(for name: String) -> String {
        let bucket = Self.bucket(of: name)
        if bucket < train { return "TRAIN" }
        return bucket < train + validation ? "VALIDATION" : "TEST"
    }

    /// The splits of one label's images, in the order of `names`: each by ``split(for:)``, except that a label of 3
    /// or more images left with none in a split the ratio gives a share gets one, from the split that has the most
    /// (and keeps one): the image nearest the empty split by its hash moves. So 3 images make one of each.
    func splits(of names: [String]) -> [String] {
        var splits = names.map(split(for:))
        guard names.count >= 3 else { return splits }
        let order = ["TRAIN", "VALIDATION", "TEST"]
        for (rank, wanted) in order.enumerated() where [train, validation, test][rank] > 0 && !splits.contains(wanted) {
            let counts = order.map { split in splits.filter { $0 == split }.count }
            guard let donor = order.indices.filter({ $0 != rank }).max(by: { counts[$0] < counts[$1] }),
                counts[donor] >= 2
            else { continue }
            let movable = names.indices.filter { splits[$0] == order[donor] }
            let nearest =
                donor < rank
                ? movable.max { Self.bucket(of: names[$0]) < Self.bucket(of: names[$1]) }
                : movable.min { Self.bucket(of: names[$0]) < Self.bucket(of: names[$1]) }
            if let nearest { splits[nearest] = wanted }
        }
        return splits
    }

    private static func bucket(of name: String) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return Int(hash % 100)
    }
}
