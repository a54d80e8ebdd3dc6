import AutoMLWire
import Foundation

extension EmulatorService {
    /// CreateModel: checks the request as the service does, then starts training in the background.
    func createModel(in parent: Parent, body: Model) async throws -> LongRunningOperation {
        try Validation.displayName(body.displayName, of: "model", mustStartWithLetter: true)
        try Validation.labels(body.labels, of: "model")
        guard !body.datasetId.isEmpty else { throw ServiceError.invalidArgument("model.datasetId is required.") }
        guard let dataset = try await store.dataset(body.datasetId, in: parent) else {
            throw ServiceError.notFound("Dataset", "\(parent)/datasets/\(body.datasetId)")
        }
        let isDetection = dataset.domain == .detection
        let requested = try trainingMetadata(body, datasetIsDetection: isDetection)
        guard let modelType = ImageModelType.named(requested.modelType, detection: isDetection) else {
            let valid = (isDetection ? ImageModelType.detection : ImageModelType.classification).map(\.name)
            throw ServiceError.invalidArgument(
                "modelType \"\(requested.modelType)\" is not a \(isDetection ? "object detection" : "image classification") "
                    + "model type; valid are \(valid.joined(separator: ", ")).")
        }
        let budget = requested.budget == 0 ? modelType.defaultBudget : requested.budget
        guard modelType.budgetRange.contains(budget) else {
            throw ServiceError.invalidArgument(
                "trainBudgetMilliNodeHours \(budget) is out of range for modelType "
                    + "\(modelType.name): it must be \(modelType.budgetRangeText).")
        }
        let specs = try await store.annotationSpecs(ofDataset: dataset.id).filter { $0.exampleCount > 0 }
        let labelSet = specs.map(\.displayName).sorted()
        let multiLabel = dataset.dataset.imageClassificationDatasetMetadata?.classificationType == .multilabel
        let neededLabels = isDetection || multiLabel ? 1 : 2
        guard labelSet.count >= neededLabels else {
            throw ServiceError.failedPrecondition(
                "dataset \(dataset.id) has \(labelSet.count) label(s) with images; "
                    + "training needs at least \(neededLabels). Import labelled images first.")
        }
        if !requested.baseModelID.isEmpty {
            try await checkResumable(
                baseModelID: requested.baseModelID, in: parent, modelType: modelType,
                labelSet: labelSet, datasetID: dataset.id)
        }
        var model = Model()
        model.displayName = body.displayName
        model.datasetId = dataset.id
        model.labels = body.labels
        if isDetection {
            var metadata = ImageObjectDetectionModelMetadata()
            metadata.modelType = modelType.name
            metadata.trainBudgetMilliNodeHours = budget
            model.imageObjectDetectionModelMetadata = metadata
        } else {
            var metadata = ImageClassificationModelMetadata()
            metadata.modelType = modelType.name
            metadata.trainBudgetMilliNodeHours = budget
            metadata.baseModelId = requested.baseModelID
            model.imageClassificationModelMetadata = metadata
        }
        let modelID = try await store.reserveModelID(domain: dataset.domain)
        let state = TrainingJobState(
            modelID: modelID, datasetID: dataset.id, domain: dataset.domain,
            modelJSON: model.storedJSON, budgetMilliNodeHours: budget,
            baseModelID: requested.baseModelID.isEmpty ? nil : requested.baseModelID,
            earlyStopping: requested.earlyStopping, labelSet: labelSet)
        return try await startOperation(
            in: parent, prefix: dataset.domain.idPrefix,
            worksOn: "\(parent)/models/\(modelID)", job: .train(state)
        ) {
            $0.createModelDetails = OperationDetails()
        }
    }

    func getModel(_ id: String, in parent: Parent) async throws -> Model {
        try await requireModel(id, in: parent).model
    }

    /// ListModels, written from the stored JSON of the page's models (no model is read and written again).
    /// A repeated identical request with no write in between is answered from ``ListCache``.
    func listModels(in parent: Parent, query: [String: String]) async throws -> StoredList<Model> {
        let list = try ListQuery(query, list: .models, parent: parent.description)
        return try await modelLists.answer(ListCache<Model>.key(parent: parent, query: query), store: store) {
            let page = try await list.page(
                reading: { try await store.modelRows(in: parent, page: $0) }, sequence: \.seq)
            return StoredList(key: "model", items: page.items.map(\.json), nextPageToken: page.nextPageToken ?? "")
        }
    }

    /// UpdateModel: changes displayName and labels.
    func updateModel(_ id: String, in parent: Parent, body: Model, updateMask: String?) async throws -> Model {
        let stored = try await requireModel(id, in: parent)
        if !body.etag.isEmpty, body.etag != stored.model.etag {
            throw ServiceError(.aborted, "model.etag does not match: the model changed since it was read.")
        }
        let paths = try updatePaths(
            updateMask, allowed: ["displayName", "labels"],
            body: ["displayName": !body.displayName.isEmpty, "labels": !body.labels.isEmpty])
        if paths.contains("displayName") {
            try Validation.displayName(body.displayName, of: "model", mustStartWithLetter: true)
        }
        if paths.contains("labels") { try Validation.labels(body.labels, of: "model") }
        let now = Timestamp(clock.now())
        let updated = try await store.updateModel(id) { model in
            if paths.contains("displayName") { model.displayName = body.displayName }
            if paths.contains("labels") { model.labels = body.labels }
            model.updateTime = now
            model.etag = UUID().uuidString
        }
        guard let updated else { throw ServiceError.notFound("Model", "\(parent)/models/\(id)") }
        return updated
    }

    func deleteModel(_ id: String, in parent: Parent) async throws -> LongRunningOperation {
        let stored = try await requireModel(id, in: parent)
        return try await startOperation(
            in: parent, prefix: stored.domain.idPrefix, worksOn: stored.model.name,
            job: .deleteModel(modelID: id)
        ) { $0.deleteDetails = OperationDetails() }
    }

    func requireModel(_ id: String, in parent: Parent) async throws -> StoredModel {
        guard let stored = try await store.model(id, in: parent) else {
            throw ServiceError.notFound("Model", "\(parent)/models/\(id)")
        }
        return stored
    }

    private struct RequestedTraining {
        var modelType: String
        var budget: Int64
        var baseModelID: String
        var earlyStopping: Bool
    }

    /// The training fields of the request's metadata member, which must match the dataset's domain.
    private func trainingMetadata(_ body: Model, datasetIsDetection: Bool) throws -> RequestedTraining {
        switch (body.imageClassificationModelMetadata, body.imageObjectDetectionModelMetadata) {
        case (let metadata?, nil):
            guard !datasetIsDetection else {
                throw ServiceError.invalidArgument(
                    "dataset \(body.datasetId) is an object detection dataset; the "
                        + "model needs imageObjectDetectionModelMetadata.")
            }
            return RequestedTraining(
                modelType: metadata.modelType, budget: metadata.trainBudgetMilliNodeHours,
                baseModelID: metadata.baseModelId,
                earlyStopping: metadata.unknownFields["disableEarlyStopping"] != .bool(true))
        case (nil, let metadata?):
            guard datasetIsDetection else {
                throw ServiceError.invalidArgument(
                    "dataset \(body.datasetId) is an image classification dataset; "
                        + "the model needs imageClassificationModelMetadata.")
            }
            return RequestedTraining(
                modelType: metadata.modelType, budget: metadata.trainBudgetMilliNodeHours,
                baseModelID: "",
                earlyStopping: metadata.unknownFields["disableEarlyStopping"] != .bool(true))
        case (_?, _?):
            throw ServiceError.invalidArgument("a model has exactly one metadata member; this one has two.")
        case (nil, nil):
            throw ServiceError.invalidArgument(
                datasetIsDetection
                    ? "model.imageObjectDetectionModelMetadata is required for an object detection dataset."
                    : "model.imageClassificationModelMetadata is required for an image classification dataset.")
        }
    }

    /// The rules of resumable training (reference 6.2 and the seed page), each failing with its own message.
    private func checkResumable(
        baseModelID: String, in parent: Parent, modelType: ImageModelType,
        labelSet: [String], datasetID: String
    ) async throws {
        guard let base = try await store.model(baseModelID, in: parent) else {
            throw ServiceError(
                .notFound,
                "base model \(baseModelID) does not exist in \(parent); a base model must "
                    + "be in the same project and location as the new model.", reason: "BASE_MODEL_NOT_FOUND")
        }
        let baseType = base.model.imageClassificationModelMetadata?.modelType ?? ""
        guard base.domain == .classification, baseType == modelType.name else {
            throw ServiceError.invalidArgument(
                "modelType \(modelType.name) differs from base model \(baseModelID)'s "
                    + "modelType \(baseType.isEmpty ? "(none)" : baseType); resumable "
                    + "training keeps the model type (it is checked even when the "
                    + "request omits it).")
        }
        if let trained = base.model.createTime?.date, clock.now().timeIntervalSince(trained) > 14 * 86_400 {
            throw ServiceError.failedPrecondition(
                "base model \(baseModelID) was trained on \(base.model.createTime?.rfc3339 ?? "?"), "
                    + "more than 14 days ago; only models trained within the last 14 "
                    + "days can be resumed.")
        }
        guard base.labelSet == labelSet else {
            let added = Set(labelSet).subtracting(base.labelSet).sorted()
            let removed = Set(base.labelSet).subtracting(labelSet).sorted()
            var change: [String] = []
            if !added.isEmpty { change.append("added \(added.joined(separator: ", "))") }
            if !removed.isEmpty { change.append("removed \(removed.joined(separator: ", "))") }
            throw ServiceError.failedPrecondition(
                "the labels of dataset \(datasetID) differ from those base model "
                    + "\(baseModelID) was trained on (\(change.joined(separator: "; "))); "
                    + "resumable training fails when the labels change.")
        }
    }
}
