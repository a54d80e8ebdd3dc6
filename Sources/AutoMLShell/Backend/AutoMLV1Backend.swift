import AutoMLClient
import Foundation

/// The shell's calls on the AutoML API v1 (the local server, Google's retired host, or a v1-compatible server).
struct AutoMLV1Backend: ShellBackend {
    let client: AutoMLClient
    var api: ShellEndpoint.API { .automl }

    func collection(of kind: ResourceKind) -> String { listing(kind).collection }

    func forEachPage(
        of kind: ResourceKind, in location: LocationName, filter: String?, _ body: ([JSONValue]) async throws -> Void
    ) async throws {
        try await client.forEachPage(of: listing(kind), in: location, filter: filter, body)
    }

    private func listing(_ kind: ResourceKind) -> JSONListing {
        switch kind {
        case .model: .models
        case .operation: .operations
        default: .datasets
        }
    }

    func entry(listed item: JSONValue, kind: ResourceKind) -> ResourceEntry? {
        guard let name = item["name"]?.stringValue, let id = name.split(separator: "/").last else { return nil }
        guard kind == .operation else {
            return ResourceEntry(id: String(id), displayName: item["displayName"]?.stringValue ?? "")
        }
        // The details member names the kind (`createModelDetails`), as `OperationMetadata.kind` reads it.
        let details = item["metadata"]?.objectValue?.keys.first { $0.hasSuffix("Details") }
        return ResourceEntry(id: String(id), displayName: details.map { String($0.dropLast("Details".count)) } ?? "")
    }

    func entries(of kind: ResourceKind, in location: LocationName) async throws -> [ResourceEntry] {
        switch kind {
        case .dataset:
            return try await client.listDatasets(in: location).collect().compactMap(Self.resource).map(\.entry)
        case .model:
            return try await client.listModels(in: location).collect().compactMap(Self.resource).map(\.entry)
        case .operation:
            return try await client.listOperations(in: location).collect().compactMap { operation in
                operation.operationName.map {
                    ResourceEntry(id: $0.operation, displayName: operation.automlMetadata?.kind ?? "")
                }
            }
        default:
            return []
        }
    }

    func modelsFilter(dataset: DatasetName) -> String { "dataset_id=\(dataset.dataset)" }

    // MARK: Operations

    func operationReference(_ text: String, in location: LocationName?, known: [ResourceEntry]) throws -> String {
        if text.contains("/") { return try OperationName(parsing: text).description }
        guard let location else { throw ShellError.notSet("project", use: "use project PROJECT_ID") }
        return try location.operation(text).operation
    }

    /// A reference is an ID in `location`, or a full name.
    private func name(_ reference: String, _ location: LocationName) throws -> OperationName {
        reference.contains("/") ? try OperationName(parsing: reference) : try location.operation(reference)
    }

    func operation(_ reference: String, in location: LocationName) async throws -> BackendOperation {
        Self.operation(try await client.getOperation(try name(reference, location)))
    }

    func cancelOperation(_ reference: String, in location: LocationName) async throws {
        try await client.cancelOperation(try name(reference, location))
    }

    func isTraining(_ operation: BackendOperation) -> Bool { operation.kind == "createModel" }

    func trainingLog(of reference: String, in location: LocationName) async throws -> TrainingLog {
        try await client.trainingLog(ofOperation: try name(reference, location))
    }

    func deleteOperation(_ reference: String, in location: LocationName) async throws {
        try await client.deleteOperation(try name(reference, location))
    }

    func progress(of reference: String, in location: LocationName) -> AsyncThrowingStream<BackendOperation, any Error> {
        BackendStream.states(
            of: { [self] in client.progress(of: try name(reference, location), policy: BackendStream.watchPolicy) },
            { Self.operation($0) })
    }

    /// What the shell reads from a v1 operation.
    static func operation(_ operation: LongRunningOperation) -> BackendOperation {
        let metadata = operation.automlMetadata
        var result = BackendOperation(
            json: operation.protoJSON(options: .canonical),
            reference: operation.operationName?.operation ?? "", kind: metadata?.kind,
            done: operation.done, error: operation.error, percent: Int(metadata?.progressPercent ?? 0))
        if let response = operation.response, operation.done, operation.error == nil {
            let json = response.protoJSON(options: .canonical)
            if response.holds(Model.self), let model = try? response.unpack(Model.self), let id = model.modelName?.model
            {
                result.result = .model(BackendResource(json: json, id: id, displayName: model.displayName))
            } else if response.holds(Dataset.self), let dataset = try? response.unpack(Dataset.self),
                let id = dataset.datasetName?.dataset
            {
                result.result = .dataset(BackendResource(json: json, id: id, displayName: dataset.displayName))
            } else if !response.holds(Empty.self) {
                result.result = .other(json)
            }
        }
        result.outputDirectory = [metadata?.exportModelDetails?.outputInfo, metadata?.batchPredictDetails?.outputInfo]
            .compactMap { $0?.gcsOutputDirectory }.first { !$0.isEmpty }
        return result
    }

    /// Waits for an operation that ends quickly and returns its response.
    func finish<Result: ProtoMessage>(_ operation: LongRunningOperation, as type: Result.Type) async throws -> Result {
        if operation.done { return try AutoMLClient.result(of: operation, as: type) }
        let policy = PollPolicy(initialDelay: .milliseconds(100), maxDelay: .seconds(2), timeout: .seconds(120))
        return try await client.wait(for: try OperationName(parsing: operation.name), as: type, policy: policy)
    }

    static func resource(_ dataset: Dataset) -> BackendResource? {
        dataset.datasetName.map {
            BackendResource(
                json: dataset.protoJSON(options: .canonical), id: $0.dataset, displayName: dataset.displayName)
        }
    }

    static func resource(_ model: Model) -> BackendResource? {
        model.modelName.map {
            BackendResource(json: model.protoJSON(options: .canonical), id: $0.model, displayName: model.displayName)
        }
    }
}

extension BackendResource {
    var entry: ResourceEntry { ResourceEntry(id: id, displayName: displayName) }
}
