import AutoMLWire
import Foundation
import GRDB

/// A box on an image, in coordinates relative to its size (0–1, origin top-left).
struct StoredBox: Sendable, Hashable, Codable {
    var xMin: Double
    var yMin: Double
    var xMax: Double
    var yMax: Double
}

/// An image to add to a dataset, with its labels (classification) or labelled boxes (detection).
struct NewExample: Sendable {
    var uri: String
    var filePath: String
    /// `TRAIN`, `VALIDATION` or `TEST`; a v1 import splits UNASSIGNED before it gets here, a Vertex AI import keeps
    /// `UNASSIGNED` (its training pipeline's split decides).
    var mlUse: String
    var width: Int?
    var height: Int?
    var format: String?
    var labels: [String] = []
    var boxes: [(label: String, box: StoredBox)] = []
}

/// An image of a dataset as the trainer and the exporter read it.
struct StoredExample: Sendable {
    var uri: String
    var filePath: String
    var mlUse: String
    var labels: [String]
    var boxes: [(label: String, box: StoredBox)]
}

/// A label of a dataset with the number of images that carry it.
struct StoredAnnotationSpec: Sendable, Hashable {
    var id: String
    var displayName: String
    var exampleCount: Int
}

extension EmulatorStore {
    /// Adds examples to a dataset, merging with images it already has (labels and boxes are appended, as
    /// the service merges duplicates). Creates an annotation spec for each new label.
    ///
    /// Returns a message for each example that could not be added, keyed by its URI; the rest are added
    /// in the same transaction.
    func addExamples(_ examples: [NewExample], toDataset datasetID: String, multiLabel: Bool) async throws
        -> [String: String]
    {
        try await write { db in try Self.insertExamples(db, examples, datasetID: datasetID, multiLabel: multiLabel) }
    }

    /// ``addExamples(_:toDataset:multiLabel:)`` in the caller's transaction.
    static func insertExamples(_ db: Database, _ examples: [NewExample], datasetID: String, multiLabel: Bool) throws
        -> [String: String]
    {
        var failures: [String: String] = [:]
        var specIDs = try Self.specIDs(db, datasetID: datasetID)
        for example in examples {
            let existing = try Row.fetchOne(
                db, sql: "SELECT id FROM example WHERE dataset_id = ? AND uri = ?",
                arguments: [datasetID, example.uri])
            let existingLabels: Set<String> =
                try existing.map { row in
                    Set(
                        try String.fetchAll(
                            db,
                            sql: """
                                SELECT s.display_name FROM annotation a JOIN annotation_spec s ON s.id = a.spec_id
                                WHERE a.example_id = ?
                                """, arguments: [row["id"] as Int64]))
                } ?? []
            let newLabels = example.labels.filter { !existingLabels.contains($0) }
            if !multiLabel, example.boxes.isEmpty, existingLabels.count + Set(newLabels).count > 1 {
                let all = (existingLabels.sorted() + newLabels).joined(separator: ", ")
                failures[example.uri] =
                    "\(example.uri) would have more than one label (\(all)) in a MULTICLASS dataset"
                continue
            }
            let exampleID: Int64
            if let existing {
                exampleID = existing["id"]
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO example (dataset_id, uri, file_path, ml_use, width, height, format)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        datasetID, example.uri, example.filePath, example.mlUse, example.width,
                        example.height, example.format,
                    ])
                exampleID = db.lastInsertedRowID
            }
            for label in newLabels {
                let specID = try Self.specID(db, datasetID: datasetID, label: label, known: &specIDs)
                try db.execute(
                    sql: "INSERT INTO annotation (example_id, spec_id) VALUES (?, ?)",
                    arguments: [exampleID, specID])
            }
            for (label, box) in example.boxes {
                let specID = try Self.specID(db, datasetID: datasetID, label: label, known: &specIDs)
                try db.execute(
                    sql: """
                        INSERT INTO annotation (example_id, spec_id, x_min, y_min, x_max, y_max) VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [exampleID, specID, box.xMin, box.yMin, box.xMax, box.yMax])
            }
        }
        return failures
    }

    /// The labels of a dataset with their example counts, by display name.
    func annotationSpecs(ofDataset datasetID: String) async throws -> [StoredAnnotationSpec] {
        try await read { db in try Self.annotationSpecs(db, datasetID: datasetID) }
    }

    static func annotationSpecs(_ db: Database, datasetID: String) throws -> [StoredAnnotationSpec] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.display_name, COUNT(DISTINCT a.example_id) AS examples
                FROM annotation_spec s LEFT JOIN annotation a ON a.spec_id = s.id
                WHERE s.dataset_id = ? GROUP BY s.id ORDER BY s.display_name
                """, arguments: [datasetID]
        ).map { row in
            StoredAnnotationSpec(id: row["id"], displayName: row["display_name"], exampleCount: row["examples"])
        }
    }

    /// Every example of a dataset with its annotations, in insertion order.
    func examples(ofDataset datasetID: String) async throws -> [StoredExample] {
        try await read { db in
            var examples: [Int64: StoredExample] = [:]
            var order: [Int64] = []
            for row in try Row.fetchAll(
                db, sql: "SELECT id, uri, file_path, ml_use FROM example WHERE dataset_id = ? ORDER BY id",
                arguments: [datasetID])
            {
                let id: Int64 = row["id"]
                order.append(id)
                examples[id] = StoredExample(
                    uri: row["uri"], filePath: row["file_path"], mlUse: row["ml_use"],
                    labels: [], boxes: [])
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT a.example_id, s.display_name, a.x_min, a.y_min, a.x_max, a.y_max
                    FROM annotation a JOIN annotation_spec s ON s.id = a.spec_id JOIN example e ON e.id = a.example_id
                    WHERE e.dataset_id = ? ORDER BY a.id
                    """, arguments: [datasetID])
            {
                let id: Int64 = row["example_id"]
                let label: String = row["display_name"]
                if let xMin: Double = row["x_min"], let yMin: Double = row["y_min"], let xMax: Double = row["x_max"],
                    let yMax: Double = row["y_max"]
                {
                    examples[id]?.boxes.append((label, StoredBox(xMin: xMin, yMin: yMin, xMax: xMax, yMax: yMax)))
                } else {
                    examples[id]?.labels.append(label)
                }
            }
            return order.compactMap { examples[$0] }
        }
    }

    private static func specIDs(_ db: Database, datasetID: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT id, display_name FROM annotation_spec WHERE dataset_id = ?",
            arguments: [datasetID])
        {
            result[row["display_name"]] = row["id"]
        }
        return result
    }

    private static func specID(_ db: Database, datasetID: String, label: String, known: inout [String: String])
        throws -> String
    {
        if let id = known[label] { return id }
        let id = try issueID(db, prefix: "")
        try db.execute(
            sql: "INSERT INTO annotation_spec (id, dataset_id, display_name) VALUES (?, ?, ?)",
            arguments: [id, datasetID, label])
        known[label] = id
        return id
    }
}
