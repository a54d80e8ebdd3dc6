import AutoMLWire
import Foundation

extension EmulatorService {
    /// CreateDataset: finishes within the request; the operation's response is the dataset.
    func createDataset(in parent: Parent, body: Dataset) async throws -> LongRunningOperation {
        try Validation.displayName(body.displayName, of: "dataset")
        try Validation.description(body.description, of: "dataset")
        try Validation.labels(body.labels, of: "dataset")
        let domain: Domain
        switch (body.imageClassificationDatasetMetadata, body.imageObjectDetectionDatasetMetadata) {
        case (let metadata?, nil):
            guard metadata.classificationType == .multiclass || metadata.classificationType == .multilabel else {
                throw ServiceError.invalidArgument(
                    "dataset.imageClassificationDatasetMetadata.classificationType must be MULTICLASS or MULTILABEL.")
            }
            domain = .classification
        case (nil, _?):
            domain = .detection
        case (_?, _?):
            throw ServiceError.invalidArgument("a dataset has exactly one metadata member; this one has two.")
        case (nil, nil):
            let other = [
                "translationDatasetMetadata", "textClassificationDatasetMetadata",
                "textExtractionDatasetMetadata", "textSentimentDatasetMetadata",
            ]
            .first { body.unknownFields[$0] != nil }
            throw ServiceError.invalidArgument(
                other.map {
                    "\($0) datasets are not supported by this backend; it "
                        + "serves image classification and object detection."
                }
                    ?? "dataset needs imageClassificationDatasetMetadata or imageObjectDetectionDatasetMetadata.")
        }
        var dataset = Dataset()
        dataset.displayName = body.displayName
        dataset.description = body.description
        dataset.labels = body.labels
        dataset.imageClassificationDatasetMetadata = body.imageClassificationDatasetMetadata.map {
            ImageClassificationDatasetMetadata(classificationType: $0.classificationType)
        }
        dataset.imageObjectDetectionDatasetMetadata = body.imageObjectDetectionDatasetMetadata.map { _ in
            ImageObjectDetectionDatasetMetadata()
        }
        let created = try await store.createDataset(dataset, in: parent, domain: domain, now: clock.now())
        return try await finishedOperation(
            in: parent, prefix: domain.idPrefix, worksOn: created.name,
            response: created
        ) { $0.createDatasetDetails = OperationDetails() }
    }

    func getDataset(_ id: String, in parent: Parent) async throws -> Dataset {
        try await requireDataset(id, in: parent).dataset
    }

    func listDatasets(in parent: Parent, query: [String: String]) async throws -> ListDatasetsResponse {
        let list = try ListQuery(query, list: .datasets, parent: parent.description)
        let page = try await list.page(reading: { try await store.datasets(in: parent, page: $0) }, sequence: \.seq)
        var response = ListDatasetsResponse()
        response.datasets = page.items.map(\.dataset)
        response.nextPageToken = page.nextPageToken ?? ""
        return response
    }

    /// UpdateDataset: changes displayName, description and labels, as named by `updateMask` (or, without a
    /// mask, every one of them the body sets).
    func updateDataset(_ id: String, in parent: Parent, body: Dataset, updateMask: String?) async throws -> Dataset {
        let stored = try await requireDataset(id, in: parent)
        if !body.etag.isEmpty, body.etag != stored.dataset.etag {
            throw ServiceError(.aborted, "dataset.etag does not match: the dataset changed since it was read.")
        }
        let paths = try updatePaths(
            updateMask, allowed: ["displayName", "description", "labels"],
            body: [
                "displayName": !body.displayName.isEmpty, "description": !body.description.isEmpty,
                "labels": !body.labels.isEmpty,
            ])
        var dataset = stored.dataset
        if paths.contains("displayName") {
            try Validation.displayName(body.displayName, of: "dataset")
            dataset.displayName = body.displayName
        }
        if paths.contains("description") {
            try Validation.description(body.description, of: "dataset")
            dataset.description = body.description
        }
        if paths.contains("labels") {
            try Validation.labels(body.labels, of: "dataset")
            dataset.labels = body.labels
        }
        dataset.etag = UUID().uuidString
        try await store.replaceDataset(dataset, id: id)
        return dataset
    }

    func deleteDataset(_ id: String, in parent: Parent) async throws -> LongRunningOperation {
        let stored = try await requireDataset(id, in: parent)
        return try await startOperation(
            in: parent, prefix: stored.domain.idPrefix, worksOn: stored.dataset.name,
            job: .deleteDataset(datasetID: id)
        ) { $0.deleteDetails = OperationDetails() }
    }

    func importData(_ id: String, in parent: Parent, body: ImportDataRequest) async throws -> LongRunningOperation {
        let stored = try await requireDataset(id, in: parent)
        let uris = body.inputConfig?.gcsSource?.inputUris ?? []
        guard !uris.isEmpty else {
            throw ServiceError.invalidArgument("inputConfig.gcsSource.inputUris must name at least one CSV file.")
        }
        let mapper = try await gcsMapper(for: parent)
        for uri in uris {
            do {
                _ = try mapper.resolveForReading(uri)
            } catch {
                throw ServiceError.invalidArgument("inputConfig.gcsSource.inputUris: \(error)")
            }
        }
        return try await startOperation(
            in: parent, prefix: stored.domain.idPrefix, worksOn: stored.dataset.name,
            job: .importData(datasetID: id, inputURIs: uris)
        ) {
            $0.importDataDetails = OperationDetails()
        }
    }

    func exportData(_ id: String, in parent: Parent, body: ExportDataRequest) async throws -> LongRunningOperation {
        let stored = try await requireDataset(id, in: parent)
        guard let prefix = body.outputConfig?.gcsDestination?.outputUriPrefix, !prefix.isEmpty else {
            throw ServiceError.invalidArgument("outputConfig.gcsDestination.outputUriPrefix is required.")
        }
        let mapper = try await gcsMapper(for: parent)
        do {
            _ = try mapper.resolveForWriting(prefix)
        } catch {
            throw ServiceError.invalidArgument("outputConfig.gcsDestination.outputUriPrefix: \(error)")
        }
        return try await startOperation(
            in: parent, prefix: stored.domain.idPrefix, worksOn: stored.dataset.name,
            job: .exportData(datasetID: id, outputPrefix: prefix)
        ) {
            $0.exportDataDetails = ExportDataOperationMetadata()
        }
    }

    func getAnnotationSpec(_ specID: String, dataset datasetID: String, in parent: Parent) async throws
        -> AnnotationSpec
    {
        let stored = try await requireDataset(datasetID, in: parent)
        let name = "\(stored.dataset.name)/annotationSpecs/\(specID)"
        guard let spec = try await store.annotationSpecs(ofDataset: datasetID).first(where: { $0.id == specID }) else {
            throw ServiceError.notFound("AnnotationSpec", name)
        }
        var result = AnnotationSpec()
        result.name = name
        result.displayName = spec.displayName
        result.exampleCount = Int32(clamping: spec.exampleCount)
        return result
    }

    func requireDataset(_ id: String, in parent: Parent) async throws -> StoredDataset {
        guard let stored = try await store.dataset(id, in: parent) else {
            throw ServiceError.notFound("Dataset", "\(parent)/datasets/\(id)")
        }
        return stored
    }

    /// Maps `gs://` URIs to the folder configured for them, for the work of one project: a project that
    /// project-limited tokens are given for may use only the buckets it owns (those created for it through the
    /// storage API), so one tenant of a shared backend cannot read or write another's objects.
    func gcsMapper(for parent: Parent) async throws -> GCSPathMapper {
        var mapper = GCSPathMapper(root: configuration.gcsRoot, localFolders: configuration.localImportFolders)
        if configuration.restrictedProjects.contains(parent.project) {
            mapper.allowedBuckets = try await store.buckets(ownedBy: parent.project)
        }
        return mapper
    }
}

/// The fields an update changes: those its mask names (which must be updatable), or without a mask those
/// the body sets.
func updatePaths(_ mask: String?, allowed: Set<String>, body: [String: Bool]) throws -> Set<String> {
    guard let mask, !mask.isEmpty else {
        return Set(body.filter(\.value).keys)
    }
    var paths: Set<String> = []
    for raw in mask.split(separator: ",") {
        let path = camelCase(raw.trimmingCharacters(in: .whitespaces))
        guard allowed.contains(path) else {
            throw ServiceError.invalidArgument(
                "updateMask names \"\(raw)\", which cannot be updated; updatable are "
                    + allowed.sorted().joined(separator: ", ") + ".")
        }
        paths.insert(path)
    }
    return paths
}

/// `display_name` → `displayName`.
func camelCase(_ snake: String) -> String {
    var result = ""
    var upperNext = false
    for character in snake {
        if character == "_" {
            upperNext = true
        } else {
            result.append(upperNext ? Character(character.uppercased()) : character)
            upperNext = false
        }
    }
    return result
}
