import AutoMLWire
import Foundation
import GRDB

/// Which API an operation row belongs to.
enum OperationAPI: String, Sendable {
    case automl
    case vertex
    /// The hidden operation a training pipeline runs as; neither API lists it.
    case vertexPipeline = "vertex-pipeline"
}

/// An operation row: the v1 JSON plus what the runner needs.
struct StoredOperation: Sendable {
    var id: String
    var seq: Int64
    var parent: Parent
    var kind: String
    var worksOn: String
    var cancelRequested: Bool
    var job: OperationJob
    var operation: LongRunningOperation
}

extension EmulatorStore {
    /// Records a new operation; its ID takes the prefix of the resource it works on.
    func createOperation(
        in parent: Parent, prefix: String, kind: String, worksOn: String, job: OperationJob,
        metadata: OperationMetadata
    ) async throws -> StoredOperation {
        try await createOperation(
            in: parent, prefix: prefix, kind: kind, worksOn: worksOn, job: job, api: .automl,
            name: { "\(parent)/operations/\($0)" }, metadata: { _ in ProtoAny(metadata) })
    }

    /// Records a new operation of either API: `name` makes its name from its new ID, `metadata` its metadata.
    func createOperation(
        in parent: Parent, prefix: String, kind: String, worksOn: String, job: OperationJob, api: OperationAPI,
        owner: String = "", name: @Sendable @escaping (String) -> String,
        metadata: @Sendable @escaping (String) -> ProtoAny
    ) async throws -> StoredOperation {
        try await write { db in
            try Self.insertOperation(
                db, in: parent, id: try Self.issueID(db, prefix: prefix), kind: kind, worksOn: worksOn, job: job,
                api: api, owner: owner, name: name, metadata: metadata)
        }
    }

    /// Inserts an operation row with a given ID (in the caller's transaction).
    static func insertOperation(
        _ db: Database, in parent: Parent, id: String, kind: String, worksOn: String, job: OperationJob,
        api: OperationAPI, owner: String, name: (String) -> String, metadata: (String) -> ProtoAny
    ) throws -> StoredOperation {
        var operation = LongRunningOperation()
        operation.name = name(id)
        operation.metadata = metadata(id)
        let seq = try nextSeq(db, table: "operation")
        try db.execute(
            sql: """
                INSERT INTO operation (id, project, location, seq, kind, works_on, job, json, api, owner)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, parent.project, parent.location, seq, kind, worksOn, try job.storedText,
                operation.storedJSON, api.rawValue, owner,
            ])
        return StoredOperation(
            id: id, seq: seq, parent: parent, kind: kind, worksOn: worksOn,
            cancelRequested: false, job: job, operation: operation)
    }

    /// An operation of the parent; nil when there is none (or it was deleted).
    func operation(_ id: String, in parent: Parent) async throws -> StoredOperation? {
        try await read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM operation WHERE id = ? AND project = ? AND location = ? AND api = 'automl'",
                arguments: [id, parent.project, parent.location]
            ).map(Self.storedOperation)
        }
    }

    /// An operation's stored JSON, what GetOperation answers; nil when there is none.
    func operationJSON(_ id: String, in parent: Parent) async throws -> String? {
        try await read { db in
            try String.fetchOne(
                db, sql: "SELECT json FROM operation WHERE id = ? AND project = ? AND location = ? AND api = 'automl'",
                arguments: [id, parent.project, parent.location])
        }
    }

    /// One page of a location's operations (see ``PageRead``).
    func operations(in parent: Parent, page: PageRead<StoredOperation>) async throws -> [StoredOperation] {
        try await pageRows(
            "SELECT * FROM operation WHERE project = ? AND location = ? AND api = 'automl' AND seq > ? ORDER BY seq",
            arguments: [parent.project, parent.location], page: page, decode: Self.storedOperation)
    }

    /// Operations that were not done when the process last stopped.
    func unfinishedOperations() async throws -> [StoredOperation] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM operation WHERE done = 0 ORDER BY seq").map(Self.storedOperation)
        }
    }

    /// Reads, changes and writes back an operation in one transaction. A done operation is never changed
    /// again (so a late update cannot undo a cancel). Returns the operation as stored afterwards.
    @discardableResult
    func updateOperation(
        _ id: String, now: Date, job: OperationJob? = nil,
        _ change: @Sendable @escaping (inout LongRunningOperation, inout OperationMetadata) -> Void
    )
        async throws -> LongRunningOperation?
    {
        let jobText = try job?.storedText
        return try await write { db in
            guard let text = try String.fetchOne(db, sql: "SELECT json FROM operation WHERE id = ?", arguments: [id])
            else {
                return nil
            }
            var operation = try LongRunningOperation.fromStored(text)
            if operation.done { return operation }
            try OperationMetadataEdit.apply(to: &operation, now: now, change)
            if let jobText {
                try db.execute(
                    sql: "UPDATE operation SET json = ?, done = ?, job = ? WHERE id = ?",
                    arguments: [operation.storedJSON, operation.done, jobText, id])
            } else {
                try db.execute(
                    sql: "UPDATE operation SET json = ?, done = ? WHERE id = ?",
                    arguments: [operation.storedJSON, operation.done, id])
            }
            return operation
        }
    }

    /// Marks an operation for cancelling; false when it does not exist.
    func requestCancel(_ id: String) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "UPDATE operation SET cancel_requested = 1 WHERE id = ? AND done = 0", arguments: [id])
            return try Bool.fetchOne(db, sql: "SELECT 1 FROM operation WHERE id = ?", arguments: [id]) ?? false
        }
    }

    /// Forgets an operation; false when it did not exist.
    func deleteOperation(_ id: String) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM operation WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    static func storedOperation(_ row: Row) throws -> StoredOperation {
        StoredOperation(
            id: row["id"], seq: row["seq"], parent: Parent(project: row["project"], location: row["location"]),
            kind: row["kind"], worksOn: row["works_on"], cancelRequested: row["cancel_requested"],
            job: try OperationJob.fromStored(row["job"]),
            operation: try LongRunningOperation.fromStored(row["json"]))
    }
}

extension EmulatorStore {
    /// Creates the trained model and its evaluations and marks the training operation done with it as the
    /// response, in one transaction; does nothing when the operation already ended (it was cancelled).
    /// Returns whether the model was created.
    func completeTraining(
        operationID: String, model: Model, parent: Parent, modelID: String, domain: Domain,
        labelSet: [String], artifactPath: String?, evaluations: [ModelEvaluation],
        now: Date
    ) async throws -> Bool {
        try await write { db in
            guard
                let text = try String.fetchOne(
                    db, sql: "SELECT json FROM operation WHERE id = ?",
                    arguments: [operationID])
            else { return false }
            var operation = try LongRunningOperation.fromStored(text)
            if operation.done { return false }
            var created = model
            created.name = "\(parent)/models/\(modelID)"
            try db.execute(
                sql: """
                    INSERT INTO model (id, project, location, seq, dataset_id, domain, label_set, artifact_path, json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    modelID, parent.project, parent.location, try Self.nextSeq(db, table: "model"),
                    model.datasetId, domain.rawValue,
                    JSONValue.array(labelSet.map(JSONValue.string)).storedText, artifactPath,
                    created.storedJSON,
                ])
            var seq = try Self.nextSeq(db, table: "model_evaluation")
            for evaluation in evaluations {
                let evaluationID = try Self.issueID(db, prefix: "")
                var stored = evaluation
                stored.name = "\(created.name)/modelEvaluations/\(evaluationID)"
                try db.execute(
                    sql: "INSERT INTO model_evaluation (id, model_id, seq, json) VALUES (?, ?, ?, ?)",
                    arguments: [evaluationID, modelID, seq, stored.storedJSON])
                seq += 1
            }
            try Self.recordDone(db, &operation, id: operationID, response: ProtoAny(created), now: now)
            return true
        }
    }

    /// Marks an operation done with `response` in the caller's transaction: its metadata's update time (and, for v1,
    /// progress 100) and the row's `done`.
    static func recordDone(
        _ db: Database, _ operation: inout LongRunningOperation, id: String, response: ProtoAny, now: Date
    ) throws {
        try OperationMetadataEdit.apply(to: &operation, now: now) { _, metadata in metadata.progressPercent = 100 }
        operation.done = true
        operation.response = response
        try db.execute(
            sql: "UPDATE operation SET json = ?, done = 1 WHERE id = ?", arguments: [operation.storedJSON, id])
    }
}
