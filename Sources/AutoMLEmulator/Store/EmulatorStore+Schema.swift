import GRDB

extension EmulatorStore {
    /// The schema, one migration per change; existing data directories are migrated on open.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // Every ID ever handed out, so that no name is reused after a delete.
            try db.create(table: "issued_id") { table in
                table.primaryKey("id", .text)
            }
            try db.create(table: "dataset") { table in
                table.primaryKey("id", .text)
                table.column("project", .text).notNull()
                table.column("location", .text).notNull()
                table.column("seq", .integer).notNull()
                table.column("domain", .text).notNull()
                table.column("json", .text).notNull()
            }
            try db.create(index: "dataset_parent", on: "dataset", columns: ["project", "location", "seq"])
            try db.create(table: "annotation_spec") { table in
                table.primaryKey("id", .text)
                table.column("dataset_id", .text).notNull().references("dataset", onDelete: .cascade)
                table.column("display_name", .text).notNull()
                table.uniqueKey(["dataset_id", "display_name"])
            }
            try db.create(table: "example") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("dataset_id", .text).notNull().references("dataset", onDelete: .cascade)
                table.column("uri", .text).notNull()
                table.column("file_path", .text).notNull()
                table.column("ml_use", .text).notNull()
                table.column("width", .integer)
                table.column("height", .integer)
                table.column("format", .text)
                table.uniqueKey(["dataset_id", "uri"])
            }
            try db.create(table: "annotation") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("example_id", .integer).notNull().references("example", onDelete: .cascade)
                table.column("spec_id", .text).notNull().references("annotation_spec", onDelete: .cascade)
                table.column("x_min", .double)
                table.column("y_min", .double)
                table.column("x_max", .double)
                table.column("y_max", .double)
            }
            try db.create(index: "annotation_example", on: "annotation", columns: ["example_id"])
            try db.create(table: "model") { table in
                table.primaryKey("id", .text)
                table.column("project", .text).notNull()
                table.column("location", .text).notNull()
                table.column("seq", .integer).notNull()
                table.column("dataset_id", .text).notNull()
                table.column("domain", .text).notNull()
                // The sorted label names the model was trained on (JSON array), for resumable training.
                table.column("label_set", .text).notNull()
                // Where the trainer left the model's weights, when it left any.
                table.column("artifact_path", .text)
                table.column("json", .text).notNull()
            }
            try db.create(index: "model_parent", on: "model", columns: ["project", "location", "seq"])
            try db.create(table: "model_evaluation") { table in
                table.primaryKey("id", .text)
                table.column("model_id", .text).notNull().references("model", onDelete: .cascade)
                table.column("seq", .integer).notNull()
                table.column("json", .text).notNull()
            }
            try db.create(table: "operation") { table in
                table.primaryKey("id", .text)
                table.column("project", .text).notNull()
                table.column("location", .text).notNull()
                table.column("seq", .integer).notNull()
                table.column("kind", .text).notNull()
                table.column("works_on", .text).notNull()
                table.column("done", .boolean).notNull().defaults(to: false)
                table.column("cancel_requested", .boolean).notNull().defaults(to: false)
                // What the runner needs to carry the work on after a restart (JSON of an OperationJob).
                table.column("job", .text).notNull()
                table.column("json", .text).notNull()
            }
            try db.create(index: "operation_parent", on: "operation", columns: ["project", "location", "seq"])
            try db.create(index: "operation_running", on: "operation", columns: ["done"])
        }
        // The Cloud Storage objects' metadata; their bytes are the files under the gs:// root (issue 12).
        migrator.registerMigration("v2-storage") { db in
            try db.create(table: "storage_object") { table in
                table.column("bucket", .text).notNull()
                table.column("name", .text).notNull()
                table.primaryKey(["bucket", "name"])
                table.column("generation", .integer).notNull()
                table.column("size", .integer).notNull()
                // The file's modification time (ns) when this row was written: a file changed behind the server's
                // back (copied into the folder by hand) no longer matches and is read again.
                table.column("mtime_ns", .integer).notNull()
                table.column("md5", .text).notNull()
                table.column("crc32c", .text).notNull()
                table.column("content_type", .text).notNull()
                table.column("created", .text).notNull()
            }
        }
        // Who owns each bucket made through the storage API, for tenants isolated by project-limited tokens
        // (issue 13). A bucket made by hand (a folder under the root) has no row and belongs to no project.
        migrator.registerMigration("v3-bucket-owner") { db in
            try db.create(table: "storage_bucket") { table in
                table.primaryKey("name", .text)
                table.column("project", .text).notNull()
            }
        }
        // Vertex AI resources (issue 14). Datasets, models, evaluations and operations of both APIs share their
        // tables (so imports, training, evaluation and serving are one code path), told apart by `api`; a Vertex AI
        // dataset's annotation kind is fixed by its first import. Training pipelines and endpoints have no v1
        // counterpart and get their own tables; a pipeline runs as a hidden operation row (`api` = `vertex-pipeline`),
        // which gives it the runner's persistence, cancellation and resumption after a restart.
        migrator.registerMigration("v4-vertex") { db in
            for table in ["dataset", "model", "operation"] {
                try db.alter(table: table) { $0.add(column: "api", .text).notNull().defaults(to: "automl") }
            }
            try db.alter(table: "dataset") { $0.add(column: "import_kind", .text) }
            // The path between the location and `/operations` of a Vertex AI operation (`datasets/123`), or "".
            try db.alter(table: "operation") { $0.add(column: "owner", .text).notNull().defaults(to: "") }
            try db.create(table: "vertex_project") { table in
                table.primaryKey("project", .text)
                table.column("number", .text).notNull().unique()
            }
            try db.create(table: "training_pipeline") { table in
                table.primaryKey("id", .text)
                table.column("project", .text).notNull()
                table.column("location", .text).notNull()
                table.column("seq", .integer).notNull()
                table.column("operation_id", .text).notNull()
                // The model the pipeline makes (its ID is chosen when the pipeline is created).
                table.column("model_id", .text).notNull()
                table.column("json", .text).notNull()
            }
            try db.create(
                index: "training_pipeline_parent", on: "training_pipeline", columns: ["project", "location", "seq"])
            try db.create(table: "vertex_endpoint") { table in
                table.primaryKey("id", .text)
                table.column("project", .text).notNull()
                table.column("location", .text).notNull()
                table.column("seq", .integer).notNull()
                table.column("json", .text).notNull()
            }
            try db.create(
                index: "vertex_endpoint_parent", on: "vertex_endpoint", columns: ["project", "location", "seq"])
            try db.create(table: "vertex_evaluation_slice") { table in
                table.primaryKey("id", .text)
                table.column("evaluation_id", .text).notNull().references("model_evaluation", onDelete: .cascade)
                table.column("seq", .integer).notNull()
                table.column("json", .text).notNull()
            }
        }
        // What the trainer did in each training (issue 16): `GET …/operations/ID:trainingLog` (and a pipeline's)
        // answers it; gone with its operation.
        migrator.registerMigration("v5-training-log") { db in
            try db.create(table: "training_log") { table in
                table.primaryKey("operation_id", .text).references("operation", onDelete: .cascade)
                table.column("json", .text).notNull()
            }
        }
        return migrator
    }
}
