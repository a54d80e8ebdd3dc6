import AutoMLClient
import Foundation

/// Images per label and split, with the service's adequacy advice (reference 6.7): at least 10 images per
/// label, about 1,000 recommended, and the most common label at most 100 times the least common.
struct LabelStats: Sendable {
    struct Row: Sendable {
        var label: String
        var train = 0
        var validation = 0
        var test = 0
        /// Images without a split (Vertex AI's exports say so; v1's count them as test, as the service splits them).
        var unassigned = 0
        var total: Int { train + validation + test + unassigned }
    }

    var rows: [Row]
    var isDetection: Bool
    /// Images without a split (each counted once, whatever its labels).
    var unassignedImages = 0

    static let minimumPerLabel = 10
    static let recommendedPerLabel = 1000

    init(rows: [Row], isDetection: Bool) {
        self.rows = rows
        self.isDetection = isDetection
    }

    /// Counts the rows of an export CSV in the import grammar (one row per image, or per box for detection).
    init(csv: String, isDetection: Bool) {
        self.isDetection = isDetection
        var rows: [String: Row] = [:]
        var seenImages: Set<String> = []
        for record in CSVReader.read(csv).records {
            let fields = record.fields
            guard fields.count >= 2 else { continue }
            let split = fields[0].uppercased()
            let labels = isDetection ? [fields.count > 2 ? fields[2] : ""] : Array(fields.dropFirst(2))
            for label in labels where !label.isEmpty {
                // Detection counts images with the label, not boxes.
                if isDetection, !seenImages.insert("\(fields[1])\u{0}\(label)").inserted { continue }
                var row = rows[label] ?? Row(label: label)
                switch split {
                case "TRAIN": row.train += 1
                case "VALIDATION": row.validation += 1
                default: row.test += 1
                }
                rows[label] = row
            }
        }
        self.rows = rows.values.sorted { $0.label < $1.label }
    }

    /// Problems that make training fail or useless.
    var blockers: [String] {
        var problems: [String] = []
        if rows.isEmpty { problems.append("the dataset has no labelled images") }
        for row in rows where row.total < Self.minimumPerLabel {
            problems.append("label \(row.label) has \(row.total) image(s); the minimum is \(Self.minimumPerLabel)")
        }
        return problems
    }

    /// The advice about labels out of balance, when they are.
    var imbalance: String? {
        guard let fewest = rows.map(\.total).min(), let most = rows.map(\.total).max(), fewest > 0, most > fewest * 100
        else { return nil }
        return "the most common label has more than 100 times the images of the least common"
    }

    /// Advice that does not stop training.
    var advice: [String] {
        var notes = imbalance.map { [$0] } ?? []
        let small = rows.filter { $0.total < Self.recommendedPerLabel }.map(\.label)
        if !small.isEmpty {
            notes.append(
                "about \(Self.recommendedPerLabel) images per label are recommended; fewer: "
                    + small.prefix(8).joined(separator: ", ") + (small.count > 8 ? ", …" : ""))
        }
        return notes
    }

    /// A result for `labels`: one object per label plus the advice.
    var json: JSONValue {
        .object([
            "labels": .array(
                rows.map { row in
                    var members: JSONObject = [
                        "label": .string(row.label), "train": .integer(Int64(row.train)),
                        "validation": .integer(Int64(row.validation)), "test": .integer(Int64(row.test)),
                        "total": .integer(Int64(row.total)),
                    ]
                    if row.unassigned > 0 { members["unassigned"] = .integer(Int64(row.unassigned)) }
                    return .object(members)
                }),
            "problems": .array(blockers.map(JSONValue.string)),
            "advice": .array(advice.map(JSONValue.string)),
        ])
    }
}

extension ShellSession {
    /// The label statistics of a dataset, read by exporting it (neither API has a call that counts labels per
    /// split) to a temporary prefix of the staging bucket and reading the export's files through the Cloud Storage
    /// API, on any endpoint; the prefix is removed afterwards. Each failure says which step failed.
    func labelStats(of name: DatasetName) async throws -> LabelStats {
        let backend = try await backend()
        let kind = backend.datasetKind(of: try await backend.getDataset(name))
        let storage = try await storage()
        let bucket: String
        do {
            bucket = try await stagingBucket(storage)
        } catch let error as ShellError {
            throw error
        } catch {
            throw ShellError(
                "the label counts need a staging bucket, which could not be made: "
                    + ErrorReport.oneLine(error, session: self))
        }
        let prefix = StorageLocation(bucket: bucket, name: "automl-shell/label-stats-\(UUID().uuidString.lowercased())")
        do {
            let stats = try await exportedStats(of: name, kind: kind, to: prefix, backend: backend, storage: storage)
            await removeObjects(under: prefix, storage)
            return stats
        } catch {
            await removeObjects(under: prefix, storage)
            throw error
        }
    }

    private func exportedStats(
        of name: DatasetName, kind: DatasetKind, to prefix: StorageLocation, backend: any ShellBackend,
        storage: StorageClient
    ) async throws -> LabelStats {
        do {
            try await backend.exportForLabelStats(name, to: prefix)
        } catch {
            throw ShellError(
                "exporting \(name.dataset) to \(prefix) to count its labels failed: "
                    + ErrorReport.oneLine(error, session: self))
        }
        var text = ""
        do {
            let objects = try await storage.list(bucket: prefix.bucket, prefix: prefix.name + "/")
            for object in objects where object.name.hasSuffix(backend.exportFileSuffix) {
                let data = try await storage.download(StorageLocation(bucket: object.bucket, name: object.name))
                text += String(decoding: data, as: UTF8.self) + "\n"
            }
        } catch {
            throw ShellError(
                "reading the export of \(name.dataset) from \(prefix) failed: "
                    + ErrorReport.oneLine(error, session: self))
        }
        return backend.labelStats(exported: text, kind: kind)
    }
}
