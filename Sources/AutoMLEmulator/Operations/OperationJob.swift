import Foundation

/// What an operation does, stored with it so the work carries on after a restart.
enum OperationJob: Sendable, Codable, Equatable {
    /// Nothing left to do (the operation finished in its request).
    case none
    case importData(datasetID: String, inputURIs: [String])
    case exportData(datasetID: String, outputPrefix: String)
    case train(TrainingJobState)
    case deploy(modelID: String, nodeCount: Int64)
    case undeploy(modelID: String)
    case deleteDataset(datasetID: String)
    case deleteModel(modelID: String)
    case exportModel(modelID: String, outputDirectory: String)
    case batchPredict(modelID: String, inputURIs: [String], outputDirectory: String, params: [String: String])
    /// Vertex AI ImportData.
    case vertexImport(datasetID: String, configs: [VertexImportJob])
    /// Vertex AI ExportData: the dataset's images and annotations as JSON Lines in the import format.
    case vertexExportData(datasetID: String, outputDirectory: String, fractions: [Double]?)
    /// Vertex AI ExportModel.
    case vertexExportModel(modelID: String, outputDirectory: String)
    /// Vertex AI DeployModel: the deployed model as JSON (its ID chosen) and the traffic split the request asked for
    /// (`"0"` is the model being deployed), applied to the endpoint as it is when the deploy ends.
    case vertexDeploy(endpointID: String, deployedModelJSON: String, trafficSplit: [String: Int32])

    var storedText: String {
        get throws { String(decoding: try JSONEncoder().encode(self), as: UTF8.self) }
    }

    static func fromStored(_ text: String) throws -> OperationJob {
        do {
            return try JSONDecoder().decode(OperationJob.self, from: Data(text.utf8))
        } catch {
            throw StoreCorruption("a stored operation job does not read back: \(error)")
        }
    }
}

/// A training run as the runner keeps it: the request, the model ID it will create, and the budget spent so far.
struct TrainingJobState: Sendable, Codable, Equatable {
    var modelID: String
    var datasetID: String
    var domain: Domain
    /// The requested model as JSON (display name, metadata with budget and type).
    var modelJSON: String
    var budgetMilliNodeHours: Int64
    /// Budget already spent, persisted as training goes so a restart continues rather than starts over.
    var spentMilliNodeHours: Int64 = 0
    var baseModelID: String?
    var earlyStopping: Bool = true
    var labelSet: [String]
    /// Set for a Vertex AI training pipeline: the model is a Vertex AI model and the pipeline records the result.
    var vertexPipelineID: String?
}

/// One import config of a Vertex AI ImportData, as its operation keeps it.
struct VertexImportJob: Sendable, Codable, Equatable {
    var uris: [String]
    var kind: VertexAnnotationKind
    /// `dataItemLabels` of the request: the `aiplatform.googleapis.com/ml_use` one gives unlabelled rows their split.
    var dataItemLabels: [String: String]
}
