import AutoMLWire
import Foundation

extension VertexService {
    func getModel(_ id: String, in parent: VertexParent) async throws -> VertexModel {
        try await requireModel(id, in: parent).model
    }

    func listModels(in parent: VertexParent, query: [String: String]) async throws -> VertexListModelsResponse {
        let list = try ListQuery(query, vertex: .models, parent: parent.description)
        let page = try await list.page(
            reading: { try await store.vertexModels(in: parent.parent, page: $0) }, sequence: \.seq)
        var response = VertexListModelsResponse()
        response.models = page.items.map(\.model)
        response.nextPageToken = page.nextPageToken ?? ""
        return response
    }

    /// DeleteModel: refused while an endpoint serves the model (checked in the deleting transaction); the operation
    /// is at the location, done.
    func deleteModel(_ id: String, in parent: VertexParent) async throws -> LongRunningOperation {
        let stored = try await requireModel(id, in: parent)
        let deleted = try await store.deleteVertexModel(stored.id) { model in
            model.deployedModels.first.map { deployed in
                ServiceError.failedPrecondition(
                    "model \(model.name) is deployed on endpoint \(deployed.endpoint) (deployed model "
                        + "\(deployed.deployedModelId)); undeploy it from every endpoint before deleting it.")
            }
        }
        guard deleted else { throw Self.notFound("Model", stored.model.name) }
        await base.serving.discard(stored.id)
        if let artifact = stored.artifactPath { try? FileManager.default.removeItem(atPath: artifact) }
        return try await finishedOperation(
            in: parent, owner: "", kind: .delete, worksOn: stored.model.name, response: Empty())
    }

    func listEvaluations(ofModel id: String, in parent: VertexParent, query: [String: String]) async throws
        -> VertexListModelEvaluationsResponse
    {
        let stored = try await requireModel(id, in: parent)
        let list = try ListQuery(query, vertex: .evaluations, parent: "\(stored.model.name)/evaluations")
        let rows = try await store.vertexEvaluations(ofModel: stored.id).map {
            StoredVertexItem(seq: $0.seq, json: $0.json, filteredByDisplayName: !list.filter.isEmpty)
        }
        let page = list.page(of: rows, sequence: \.seq)
        var response = VertexListModelEvaluationsResponse()
        response.modelEvaluations = try page.items.map { try VertexModelEvaluation.fromStored($0.json) }
        response.nextPageToken = page.nextPageToken ?? ""
        return response
    }

    func getEvaluation(_ evaluationID: String, model id: String, in parent: VertexParent) async throws
        -> VertexModelEvaluation
    {
        let stored = try await requireModel(id, in: parent)
        guard let row = try await store.vertexEvaluations(ofModel: stored.id).first(where: { $0.id == evaluationID })
        else {
            throw Self.notFound("ModelEvaluation", "\(stored.model.name)/evaluations/\(evaluationID)")
        }
        return try VertexModelEvaluation.fromStored(row.json)
    }

    /// ListModelEvaluationSlices; the filter `slice.dimension = "annotationSpec"` (the one Google documents) is
    /// accepted, and every slice of this backend has that dimension.
    func listSlices(evaluation evaluationID: String, model id: String, in parent: VertexParent, query: [String: String])
        async throws -> VertexListModelEvaluationSlicesResponse
    {
        let evaluation = try await getEvaluation(evaluationID, model: id, in: parent)
        var query = query
        if let filter = query["filter"] {
            let compact = filter.filter { !$0.isWhitespace }
            guard
                compact.isEmpty || compact == "slice.dimension=\"annotationSpec\""
                    || compact == "slice.dimension=annotationSpec"
            else {
                throw ServiceError.invalidArgument(
                    "slice filter \"\(filter)\" is not understood by this backend; it accepts "
                        + "slice.dimension = \"annotationSpec\" (the only dimension its slices have).")
            }
            query["filter"] = nil
        }
        let list = try ListQuery(query, vertex: .slices, parent: "\(evaluation.name)/slices")
        let rows = try await store.vertexSlices(ofEvaluation: evaluationID).map {
            StoredVertexItem(seq: $0.seq, json: $0.json, filteredByDisplayName: false)
        }
        let page = list.page(of: rows, sequence: \.seq)
        var response = VertexListModelEvaluationSlicesResponse()
        response.modelEvaluationSlices = try page.items.map { try VertexModelEvaluationSlice.fromStored($0.json) }
        response.nextPageToken = page.nextPageToken ?? ""
        return response
    }

    func getSlice(_ sliceID: String, evaluation evaluationID: String, model id: String, in parent: VertexParent)
        async throws -> VertexModelEvaluationSlice
    {
        let evaluation = try await getEvaluation(evaluationID, model: id, in: parent)
        guard let row = try await store.vertexSlices(ofEvaluation: evaluationID).first(where: { $0.id == sliceID })
        else {
            throw Self.notFound("ModelEvaluationSlice", "\(evaluation.name)/slices/\(sliceID)")
        }
        return try VertexModelEvaluationSlice.fromStored(row.json)
    }

    /// A model by ID; `ID@1` and `ID@default` name its one version.
    func requireModel(_ id: String, in parent: VertexParent) async throws -> StoredVertexModel {
        var bare = id
        if let at = id.firstIndex(of: "@") {
            let version = id[id.index(after: at)...]
            bare = String(id[..<at])
            guard version == "1" || version == "default" else {
                throw Self.notFound(
                    "Model", parent.name("models", id) + " (models of this backend have one version, 1)")
            }
        }
        guard let stored = try await store.vertexModel(bare, in: parent.parent) else {
            throw Self.notFound("Model", parent.name("models", bare))
        }
        return stored
    }
}

/// A stored item with its creation order (evaluations, slices), for filtering and paging.
///
/// Only evaluation lists are filtered (by `display_name`, read from the JSON once, not per comparison); a slice
/// list's one filter is checked before the list is read, so its items are never asked for a field.
struct StoredVertexItem: VertexFilterSubject, Sendable {
    var seq: Int64
    var json: String
    private var displayName: String?

    init(seq: Int64, json: String, filteredByDisplayName: Bool) {
        self.seq = seq
        self.json = json
        displayName = filteredByDisplayName ? (try? VertexModelEvaluation.fromStored(json))?.displayName : nil
    }

    func vertexFilterValue(for field: VertexFilterField) -> VertexFilterValue? {
        guard field == .displayName, let displayName else { return nil }
        return .text(displayName)
    }
}

/// Models answer `model` with their ID. `base_model_name` names a Model Garden base model, which the local backend's
/// models never have: it is absent (so only `base_model_name=""` matches).
extension StoredVertexModel: VertexFilterSubject {
    func vertexFilterValue(for field: VertexFilterField) -> VertexFilterValue? {
        switch field {
        case .model: .text(id)
        case .displayName: .text(model.displayName)
        case .metadataSchemaURI: .text(model.metadataSchemaUri)
        case .createTime: model.createTime.map { .time($0) }
        case .labels: .labels(model.labels)
        case .state, .trainingTaskDefinition, .endpoint, .baseModelName: nil
        }
    }
}
