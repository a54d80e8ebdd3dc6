import AutoMLWire
import Foundation
import GRDB

/// A training pipeline row: its stored JSON and the hidden operation it runs as (nil only if that row is missing).
struct StoredPipeline: Sendable {
    var id: String
    var seq: Int64
    var json: String
    var operationID: String
    var operation: StoredOperation?
}

/// What a trained Vertex AI model is stored with.
struct VertexTrainingResult: Sendable {
    var model: VertexModel
    var datasetID: String
    var domain: Domain
    var labelSet: [String]
    var artifactPath: String?
    var evaluation: VertexModelEvaluation
    var slices: [VertexModelEvaluationSlice]
}

extension EmulatorStore {
    /// Records a training pipeline and the operation it runs as, in one transaction. `make` gets the new pipeline and
    /// model IDs and returns the pipeline's JSON and the training job.
    /// A chosen `modelID` must be new (nil when it was handed out before); without one a decimal ID is issued.
    func createTrainingPipeline(
        in parent: Parent, modelID chosen: String?, now: Date,
        make: @Sendable @escaping (_ pipelineID: String, _ modelID: String) throws -> (String, TrainingJobState)
    ) async throws -> (pipeline: StoredPipeline, operation: StoredOperation)? {
        try await write { db -> (pipeline: StoredPipeline, operation: StoredOperation)? in
            let modelID: String
            if let chosen {
                guard try String.fetchOne(db, sql: "SELECT id FROM issued_id WHERE id = ?", arguments: [chosen]) == nil
                else { return nil }
                try db.execute(sql: "INSERT INTO issued_id (id) VALUES (?)", arguments: [chosen])
                modelID = chosen
            } else {
                modelID = try Self.issueID(db, prefix: "")
            }
            let pipelineID = try Self.issueID(db, prefix: "")
            let (json, state) = try make(pipelineID, modelID)
            let operationID = try Self.issueID(db, prefix: "")
            var metadata = OperationMetadata()
            metadata.createTime = Timestamp(now)
            metadata.createModelDetails = OperationDetails()
            let operation = try Self.insertOperation(
                db, in: parent, id: operationID, kind: "trainingPipeline", worksOn: pipelineID, job: .train(state),
                api: .vertexPipeline, owner: "trainingPipelines/\(pipelineID)",
                name: { "\(parent)/trainingPipelines/\(pipelineID)/runs/\($0)" }, metadata: { _ in ProtoAny(metadata) })
            let row = try Self.insertVertexRow(
                db, .trainingPipeline, id: pipelineID, in: parent, json: { _ in json },
                extra: ["operation_id": operationID, "model_id": modelID])
            return (
                StoredPipeline(
                    id: pipelineID, seq: row.seq, json: json, operationID: operationID, operation: operation),
                operation
            )
        }
    }

    /// A pipeline of the parent with its operation; nil when there is none.
    func pipeline(_ id: String, in parent: Parent) async throws -> StoredPipeline? {
        try await read { db in
            try Row.fetchOne(
                db, sql: Self.pipelineColumns + " WHERE p.id = ? AND p.project = ? AND p.location = ?",
                arguments: [id, parent.project, parent.location]
            ).map(Self.storedPipeline)
        }
    }

    /// The pipeline of the parent that makes the model with this ID, if there is one.
    func pipeline(makingModel modelID: String, in parent: Parent) async throws -> StoredPipeline? {
        try await read { db in
            try Row.fetchOne(
                db, sql: Self.pipelineColumns + " WHERE p.model_id = ? AND p.project = ? AND p.location = ?",
                arguments: [modelID, parent.project, parent.location]
            ).map(Self.storedPipeline)
        }
    }

    /// One page of a location's pipelines with their operations (see ``PageRead``), each decoded before the page's
    /// filter sees it.
    func pipelines<Item: Sendable>(
        in parent: Parent, page: PageRead<Item>, decode: @Sendable @escaping (StoredPipeline) throws -> Item
    ) async throws -> [Item] {
        try await pageRows(
            Self.pipelineColumns + " WHERE p.project = ? AND p.location = ? AND p.seq > ? ORDER BY p.seq",
            arguments: [parent.project, parent.location], page: page
        ) { try decode(try Self.storedPipeline($0)) }
    }

    /// Deletes a pipeline and its hidden operation; false when it was already gone.
    func deletePipeline(_ id: String, operationID: String) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM training_pipeline WHERE id = ?", arguments: [id])
            let deleted = db.changesCount > 0
            try db.execute(
                sql: "DELETE FROM operation WHERE id = ? AND api = 'vertex-pipeline'", arguments: [operationID])
            return deleted
        }
    }

    /// Stores a trained Vertex AI model with its evaluation and slices, finishes the pipeline's JSON and marks its
    /// operation done, in one transaction; does nothing when the operation already ended (it was cancelled).
    func completeVertexTraining(
        operationID: String, pipelineID: String, result: VertexTrainingResult, now: Date,
        finishPipeline: @Sendable @escaping (String) throws -> String
    ) async throws -> Bool {
        try await write { db in
            guard
                let text = try String.fetchOne(
                    db, sql: "SELECT json FROM operation WHERE id = ?", arguments: [operationID])
            else { return false }
            var operation = try LongRunningOperation.fromStored(text)
            if operation.done { return false }
            let model = result.model
            guard let modelID = model.name.split(separator: "/").last.map(String.init) else { return false }
            try db.execute(
                sql: """
                    INSERT INTO model (id, project, location, seq, dataset_id, domain, label_set, artifact_path, json, api)
                    SELECT ?, project, location, ?, ?, ?, ?, ?, ?, 'vertex' FROM training_pipeline WHERE id = ?
                    """,
                arguments: [
                    modelID, try Self.nextSeq(db, table: "model"), result.datasetID, result.domain.rawValue,
                    JSONValue.array(result.labelSet.map(JSONValue.string)).storedText, result.artifactPath,
                    model.storedJSON, pipelineID,
                ])
            guard db.changesCount > 0 else { return false }
            let evaluationID = try Self.issueID(db, prefix: "")
            var evaluation = result.evaluation
            evaluation.name = "\(model.name)/evaluations/\(evaluationID)"
            try db.execute(
                sql: "INSERT INTO model_evaluation (id, model_id, seq, json) VALUES (?, ?, ?, ?)",
                arguments: [
                    evaluationID, modelID, try Self.nextSeq(db, table: "model_evaluation"), evaluation.storedJSON,
                ])
            var seq = try Self.nextSeq(db, table: "vertex_evaluation_slice")
            for var slice in result.slices {
                let sliceID = try Self.issueID(db, prefix: "")
                slice.name = "\(evaluation.name)/slices/\(sliceID)"
                try db.execute(
                    sql: "INSERT INTO vertex_evaluation_slice (id, evaluation_id, seq, json) VALUES (?, ?, ?, ?)",
                    arguments: [sliceID, evaluationID, seq, slice.storedJSON])
                seq += 1
            }
            _ = try Self.updateVertexRow(db, .trainingPipeline, pipelineID, finishPipeline)
            try Self.recordDone(db, &operation, id: operationID, response: ProtoAny(model), now: now)
            return true
        }
    }

    private static let pipelineColumns = """
        SELECT p.id AS p_id, p.seq AS p_seq, p.json AS p_json, p.operation_id AS p_operation_id, o.*
        FROM training_pipeline p LEFT JOIN operation o ON o.id = p.operation_id
        """

    private static func storedPipeline(_ row: Row) throws -> StoredPipeline {
        let operationID: String = row["p_operation_id"]
        let operation = (row["id"] as String?) == nil ? nil : try storedOperation(row)
        return StoredPipeline(
            id: row["p_id"], seq: row["p_seq"], json: row["p_json"], operationID: operationID, operation: operation)
    }
}
