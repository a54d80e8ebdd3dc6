import AutoMLWire
import Foundation

extension VertexService {
    /// CreateDataset: image datasets only; finishes within the request, the operation nested under the dataset.
    func createDataset(in parent: VertexParent, body: VertexDataset) async throws -> LongRunningOperation {
        try Self.checkDisplayName(body.displayName, of: "dataset")
        guard body.metadataSchemaUri == VertexSchema.imageDataset else {
            throw ServiceError.invalidArgument(
                body.metadataSchemaUri.isEmpty
                    ? "dataset.metadataSchemaUri is required; for images it is \(VertexSchema.imageDataset)."
                    : "metadataSchemaUri \"\(body.metadataSchemaUri)\" is not served by this backend: it keeps image "
                        + "datasets only (\(VertexSchema.imageDataset)).")
        }
        try Validation.labels(body.labels, of: "dataset")
        try Validation.description(body.description, of: "dataset")
        let now = Timestamp(clock.now())
        let created = try await store.createVertexDataset(in: parent.parent) { id in
            var dataset = VertexDataset()
            dataset.name = parent.name("datasets", id)
            dataset.displayName = body.displayName
            dataset.description = body.description
            dataset.metadataSchemaUri = body.metadataSchemaUri
            dataset.metadata = .object(["dataItemSchemaUri": .string(VertexSchema.imageDataItem)])
            dataset.labels = body.labels.merging(["aiplatform.googleapis.com/dataset_metadata_schema": "IMAGE"]) { $1 }
            dataset.createTime = now
            dataset.updateTime = now
            dataset.etag = UUID().uuidString
            return dataset
        }
        let id = created.name.split(separator: "/").last.map(String.init) ?? ""
        return try await finishedOperation(
            in: parent, owner: "datasets/\(id)", kind: .createDataset, worksOn: created.name, response: created)
    }

    func getDataset(_ id: String, in parent: VertexParent) async throws -> VertexDataset {
        try await requireDataset(id, in: parent).dataset
    }

    func listDatasets(in parent: VertexParent, query: [String: String]) async throws -> VertexListDatasetsResponse {
        let list = try ListQuery(query, vertex: .datasets, parent: parent.description)
        let page = try await list.page(
            reading: { try await store.vertexDatasets(in: parent.parent, page: $0) }, sequence: \.seq)
        var response = VertexListDatasetsResponse()
        response.datasets = page.items.map(\.dataset)
        response.nextPageToken = page.nextPageToken ?? ""
        return response
    }

    /// DeleteDataset: the dataset, its images and labels go at once; the operation is at the location, done.
    func deleteDataset(_ id: String, in parent: VertexParent) async throws -> LongRunningOperation {
        let stored = try await requireDataset(id, in: parent)
        _ = try await store.deleteDataset(stored.id)
        return try await finishedOperation(
            in: parent, owner: "", kind: .delete, worksOn: stored.dataset.name, response: Empty())
    }

    /// ImportData: checks every config now (schema, files named), imports in the background.
    func importData(_ id: String, in parent: VertexParent, body: VertexImportDataRequest) async throws
        -> LongRunningOperation
    {
        let stored = try await requireDataset(id, in: parent)
        guard !body.importConfigs.isEmpty else {
            throw ServiceError.invalidArgument("importConfigs is required: one config per set of files.")
        }
        var jobs: [VertexImportJob] = []
        for (index, config) in body.importConfigs.enumerated() {
            guard let kind = VertexAnnotationKind(importSchemaURI: config.importSchemaUri) else {
                throw ServiceError.invalidArgument(
                    "importConfigs[\(index)].importSchemaUri \"\(config.importSchemaUri)\" is not one this backend "
                        + "imports; use one of " + VertexSchema.Import.all.joined(separator: ", ") + ".")
            }
            let uris = config.gcsSource?.uris ?? []
            guard !uris.isEmpty, uris.allSatisfy({ !$0.isEmpty }) else {
                throw ServiceError.invalidArgument(
                    "importConfigs[\(index)].gcsSource.uris must name at least one file.")
            }
            if let use = config.dataItemLabels[VertexImportFile.mlUseKey],
                MLUse(csvValue: use) == nil || use.uppercased() == "UNASSIGNED"
            {
                throw ServiceError.invalidArgument(
                    "importConfigs[\(index)].dataItemLabels[\"\(VertexImportFile.mlUseKey)\"] \"\(use)\" must be "
                        + "training, validation or test.")
            }
            if let first = jobs.first, first.kind != kind {
                throw ServiceError.invalidArgument(
                    "importConfigs mix \(first.kind.rawValue) and \(kind.rawValue) schemas; this backend keeps one "
                        + "annotation kind per dataset.")
            }
            jobs.append(VertexImportJob(uris: uris, kind: kind, dataItemLabels: config.dataItemLabels))
        }
        if let kind = jobs.first?.kind, let existing = stored.kind, existing != kind {
            throw ServiceError.failedPrecondition(
                "dataset \(id) holds \(existing.rawValue) annotations; this backend keeps one annotation kind per "
                    + "dataset, so import \(kind.rawValue) data into a new dataset.")
        }
        let mapper = try await base.gcsMapper(for: parent.parent)
        for uri in jobs.flatMap(\.uris) {
            do {
                _ = try mapper.resolveForReading(uri)
            } catch {
                throw ServiceError.invalidArgument("gcsSource.uris: \(error)")
            }
        }
        return try await startOperation(
            in: parent, owner: "datasets/\(id)", kind: .importData, worksOn: stored.dataset.name,
            job: .vertexImport(datasetID: id, configs: jobs))
    }

    func getAnnotationSpec(_ specID: String, dataset id: String, in parent: VertexParent) async throws
        -> VertexAnnotationSpec
    {
        let stored = try await requireDataset(id, in: parent)
        guard let spec = try await store.annotationSpecs(ofDataset: id).first(where: { $0.id == specID }) else {
            throw Self.notFound("AnnotationSpec", "\(stored.dataset.name)/annotationSpecs/\(specID)")
        }
        var answer = VertexAnnotationSpec()
        answer.name = "\(stored.dataset.name)/annotationSpecs/\(spec.id)"
        answer.displayName = spec.displayName
        answer.createTime = stored.dataset.createTime
        answer.updateTime = stored.dataset.updateTime
        return answer
    }

    func requireDataset(_ id: String, in parent: VertexParent) async throws -> StoredVertexDataset {
        guard let stored = try await store.vertexDataset(id, in: parent.parent) else {
            throw Self.notFound("Dataset", parent.name("datasets", id))
        }
        return stored
    }

    /// Display names of Vertex AI resources: 1–128 characters.
    static func checkDisplayName(_ name: String, of kind: String) throws {
        guard !name.isEmpty else { throw ServiceError.invalidArgument("\(kind).displayName is required.") }
        guard name.count <= 128, !name.contains(where: { $0.isNewline }) else {
            throw ServiceError.invalidArgument("\(kind).displayName must be at most 128 characters on one line.")
        }
    }
}

extension StoredVertexDataset: VertexFilterSubject {
    func vertexFilterValue(for field: VertexFilterField) -> VertexFilterValue? {
        switch field {
        case .displayName: .text(dataset.displayName)
        case .metadataSchemaURI: .text(dataset.metadataSchemaUri)
        case .createTime: dataset.createTime.map { .time($0) }
        case .labels: .labels(dataset.labels)
        case .state, .trainingTaskDefinition, .model, .endpoint, .baseModelName: nil
        }
    }
}
