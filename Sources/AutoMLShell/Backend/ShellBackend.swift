import AutoMLClient
import Foundation

/// What the shell's commands ask of an API, with two implementations: AutoML v1 (``AutoMLV1Backend``) and Vertex AI
/// (``VertexBackend``). Results keep the JSON the server sent — what is printed, unchanged — beside what the shell
/// reads from it. Datasets and models are named with the v1 name types: both APIs name them
/// `projects/P/locations/L/datasets/D` and `…/models/M`. Operations are named by a reference (``BackendOperation``).
protocol ShellBackend: Sendable {
    var api: ShellEndpoint.API { get }

    // MARK: Lists

    /// The member of a listing's JSON that holds its items (`datasets`, `model`, …).
    func collection(of kind: ResourceKind) -> String
    /// Lists a kind (datasets, models, operations) of the location, page by page, as parsed JSON.
    func forEachPage(
        of kind: ResourceKind, in location: LocationName, filter: String?, _ body: ([JSONValue]) async throws -> Void
    ) async throws
    /// The cache entry for an item of such a listing.
    func entry(listed item: JSONValue, kind: ResourceKind) -> ResourceEntry?
    /// Every entry of a kind, for Tab completion and display names.
    func entries(of kind: ResourceKind, in location: LocationName) async throws -> [ResourceEntry]
    /// The filter that lists only the models of a dataset, and the operations working on a resource.
    func modelsFilter(dataset: DatasetName) -> String
    func operationsFilter(done: Bool?, worksOn: String?) -> [String]

    // MARK: Datasets

    func getDataset(_ name: DatasetName) async throws -> BackendResource
    /// Creates a dataset and waits for it (a few seconds at most).
    func createDataset(in location: LocationName, displayName: String, kind: DatasetKind) async throws
        -> BackendResource
    /// The kind of a dataset, as `train` and `dataset import` need it.
    func datasetKind(of dataset: BackendResource) -> DatasetKind
    /// The format `dataset import` stages local images in.
    var stagedImportFormat: StagedImportFormat { get }
    /// Whether an import needs the dataset's kind (Vertex AI: for its import schema); v1 reads it from the dataset.
    var importNeedsDatasetKind: Bool { get }
    func importData(into name: DatasetName, kind: DatasetKind, uris: [String]) async throws -> BackendOperation
    func exportData(_ name: DatasetName, to prefix: String) async throws -> BackendOperation
    func deleteDataset(_ name: DatasetName) async throws -> BackendOperation
    /// Exports a dataset under `prefix` for its label counts, and waits for the export.
    func exportForLabelStats(_ name: DatasetName, to prefix: StorageLocation) async throws
    /// How the files of such an export end (`.csv`, `.jsonl`).
    var exportFileSuffix: String { get }
    /// The label counts of the text of those files.
    func labelStats(exported text: String, kind: DatasetKind) -> LabelStats

    // MARK: Models

    func getModel(_ name: ModelName) async throws -> BackendResource
    func deleteModel(_ name: ModelName) async throws -> BackendOperation
    func deployModel(_ name: ModelName, nodes: Int64) async throws -> BackendOperation
    func undeployModel(_ name: ModelName) async throws -> BackendOperation
    func exportModel(_ name: ModelName, to prefix: String, format: String?) async throws -> BackendOperation
    func evaluations(of model: ModelName) async throws -> BackendEvaluations
    /// A model's overall evaluation as v1's message (the headline figures of `models`); nil when it has none.
    func overallEvaluation(of model: ModelName) async throws -> ModelEvaluation?
    /// One evaluation, and the v1 message the evaluation view draws (Vertex AI's metrics read back into it).
    func evaluation(_ id: String, of model: ModelName) async throws -> (json: JSONValue, view: ModelEvaluation?)
    func predict(_ model: ModelName, image: Data, threshold: Double?, maxBoxes: Int?) async throws -> JSONValue
    /// The local backend's scores of each TEST image of a model's training (its `:testPredictions` extension); throws
    /// where the server keeps none (Google's services, detection models).
    func testPredictions(of model: ModelName) async throws -> TestPredictions
    /// Why batch prediction cannot be asked for here, when it cannot (checked before anything is resolved).
    var batchPredictionUnavailable: ShellError? { get }
    func batchPredict(
        _ model: ModelName, csv: [String], output: String, threshold: Double?, maxBoxes: Int?
    ) async throws -> BackendOperation

    // MARK: Training

    /// What the model of a training says about how it was trained (for `resume`).
    func trainedModel(_ model: BackendResource) async throws -> TrainedModel
    /// The labels a model was trained on, from its per-label evaluations (empty when it has none).
    func trainedLabels(of model: ModelName) async throws -> Set<String>
    func train(_ request: TrainingRequest, in location: LocationName) async throws -> BackendOperation
    /// The request `train --dry-run` prints: the path under the endpoint and the JSON body.
    func trainingCall(_ request: TrainingRequest, in location: LocationName) throws -> (path: String, body: JSONValue)

    // MARK: Operations

    /// The reference of an operation named by the user: its ID, a reference, or a full name (kept whole, and the
    /// only form that needs no `location`).
    func operationReference(_ text: String, in location: LocationName?, known: [ResourceEntry]) throws -> String
    func operation(_ reference: String, in location: LocationName) async throws -> BackendOperation
    func cancelOperation(_ reference: String, in location: LocationName) async throws
    func deleteOperation(_ reference: String, in location: LocationName) async throws
    /// The states of an operation as it runs, ending with the done one.
    func progress(of reference: String, in location: LocationName) -> AsyncThrowingStream<BackendOperation, any Error>
    /// Whether an operation trains a model (a v1 CreateModel, a Vertex AI training pipeline).
    func isTraining(_ operation: BackendOperation) -> Bool
    /// The local backend's training log of a training (its `:trainingLog` extension); throws where the server has
    /// none (Google's services).
    func trainingLog(of reference: String, in location: LocationName) async throws -> TrainingLog
}

extension ShellBackend {
    /// The overall evaluation among all of a model's evaluations (v1 lists them in one request anyway).
    func overallEvaluation(of model: ModelName) async throws -> ModelEvaluation? {
        try await evaluations(of: model).views.first { $0.annotationSpecId.isEmpty }
    }

    /// v1's filter terms (`done=true`, `worksOn=NAME`): v1 sends them; Vertex AI's backend applies them itself.
    func operationsFilter(done: Bool?, worksOn: String?) -> [String] {
        var filters: [String] = []
        if let done { filters.append("done=\(done)") }
        if let worksOn { filters.append("worksOn=\(worksOn)") }
        return filters
    }
}

/// A dataset or model as the server returned it.
struct BackendResource: Sendable {
    /// What is printed.
    var json: JSONValue
    var id: String
    var displayName: String
}

/// An operation as the shell follows it: an AutoML v1 or Vertex AI long-running operation, or a Vertex AI training
/// pipeline.
struct BackendOperation: Sendable {
    /// What is printed.
    var json: JSONValue
    /// How the context, `$operation_…` variables and Tab completion keep it: the ID on AutoML v1; on Vertex AI the
    /// path below the location (`trainingPipelines/123`, `datasets/4/operations/5`), since Vertex AI operations
    /// live under the resource they concern. Empty when the server sent a name that does not read.
    var reference: String
    /// What it does, as v1's metadata names it (`createModel`, `importData`, `deployModel`, …).
    var kind: String?
    var done: Bool
    var error: Status?
    /// How far it is, 0–100, when the server says.
    var percent: Int?
    var result: Result = .none
    /// Where an export or a batch prediction wrote, when the server says.
    var outputDirectory: String?

    enum Result: Sendable {
        case none
        case model(BackendResource)
        case dataset(BackendResource)
        /// Another response, printed as it is.
        case other(JSONValue)
    }

    /// When it started, as the server says: a Vertex AI pipeline's start (or creation), v1's metadata, a Vertex AI
    /// operation's generic metadata.
    var started: Date? {
        let times = [
            json["startTime"], json["createTime"], json["metadata"]?["createTime"],
            json["metadata"]?["genericMetadata"]?["createTime"],
        ]
        return times.lazy.compactMap { $0?.stringValue.flatMap { Timestamp(rfc3339: $0)?.date } }.first
    }

    /// When it ended, once done: a Vertex AI pipeline's end, else the last update the server recorded.
    var ended: Date? {
        guard done else { return nil }
        let times = [
            json["endTime"], json["metadata"]?["updateTime"], json["metadata"]?["genericMetadata"]?["updateTime"],
        ]
        return times.lazy.compactMap { $0?.stringValue.flatMap { Timestamp(rfc3339: $0)?.date } }.first
    }

    /// The last segment of the reference; the name as the server sent it when it gave none that reads.
    var id: String {
        guard !reference.isEmpty else { return json["name"]?.stringValue ?? "" }
        return reference.split(separator: "/").last.map(String.init) ?? reference
    }
}

/// A model's evaluations as `evaluations` prints them, with each one's ID and label (nil: the overall one).
struct BackendEvaluations: Sendable {
    var json: JSONValue
    var entries: [(id: String, label: String?)]
    /// Each evaluation read as v1's message (Vertex AI's metrics under v1's names), for the summary; the overall
    /// one first. Evaluations of a kind the shell does not read are left out.
    var views: [ModelEvaluation] = []
}

/// The classification type of a dataset.
enum DatasetKind: String, Sendable, CaseIterable {
    case multiclass, multilabel, detection
}

/// What `dataset import` writes next to uploaded images.
enum StagedImportFormat: Sendable {
    /// v1's import CSV (`TRAIN,gs://…,label`).
    case automlCSV
    /// Vertex AI's JSON Lines (`imageGcsUri`, annotations, `ml_use`).
    case vertexJSONLines
}

/// A training as the shell builds it from `train` or `resume`, before either API's request is made from it.
struct TrainingRequest: Sendable {
    var displayName: String
    var dataset: DatasetName
    var kind: DatasetKind
    var modelType: ImageModelType
    var budgetMilliNodeHours: Int64
    var earlyStopping: Bool
    var baseModelID: String?
    /// Whether training uses the splits the import gave each image (Vertex AI uses them only when asked; v1 always
    /// does, splitting the images without one itself).
    var splitByImportedUse = true
}

/// What `resume` reads from a base model.
struct TrainedModel: Sendable {
    var datasetID: String
    var modelTypeName: String
    var created: Date?
}
