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
}
