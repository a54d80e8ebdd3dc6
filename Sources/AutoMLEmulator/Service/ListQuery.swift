import AutoMLWire

/// The `filter`, `pageSize` and `pageToken` of a List call, read and checked.
struct ListQuery {
    var filter: FilterExpression
    var page: PageRequest

    /// Reads the query; a bad filter, page size or page token is INVALID_ARGUMENT.
    init(_ query: [String: String], list: FilterableList, parent: String) throws {
        do {
            filter = try FilterExpression(parsing: query["filter"] ?? "", for: list)
        } catch {
            throw ServiceError.invalidArgument(error.description)
        }
        do {
            page = try PageRequest(
                pageSizeText: query["pageSize"] ?? query["page_size"],
                pageToken: query["pageToken"] ?? query["page_token"],
                scope: PageScope(parent: parent, filter: filter))
        } catch {
            throw ServiceError.invalidArgument(error.description)
        }
    }

    /// The page of the items that match the filter, in creation order.
    func page<Item: FilterSubject>(of items: [Item], sequence: (Item) -> Int64) -> Page<Item> {
        page.page(of: items.filter { filter.matches($0) }, sortKey: { sortKey(sequence($0)) })
    }

    /// The page of the items that match the filter, in creation order, reading the store only as far as the page
    /// needs (``PageRead``) rather than every item.
    func page<Item: FilterSubject & Sendable>(
        reading read: (PageRead<Item>) async throws -> [Item], sequence: (Item) -> Int64
    ) async throws -> Page<Item> {
        let filter = filter
        let items = try await read(
            PageRead(afterSeq: page.startAfter.flatMap { Int64($0) }, limit: page.pageSize + 1) { filter.matches($0) })
        guard items.count > page.pageSize else { return Page(items: items, nextPageToken: nil) }
        let shown = Array(items.prefix(page.pageSize))
        return Page(items: shown, nextPageToken: shown.last.map { page.nextPageToken(after: sortKey(sequence($0))) })
    }
}

/// A creation sequence number as a sort key that orders like the number.
func sortKey(_ sequence: Int64) -> String {
    let digits = String(sequence)
    return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
}

extension StoredDataset: FilterSubject {
    func filterValue(for field: CanonicalField) -> FilterValue? {
        switch field {
        case .imageClassificationDatasetMetadata: dataset.imageClassificationDatasetMetadata.map { _ in .bool(true) }
        case .imageObjectDetectionDatasetMetadata: dataset.imageObjectDetectionDatasetMetadata.map { _ in .bool(true) }
        case .translationDatasetMetadata: dataset.unknownFields["translationDatasetMetadata"].map { _ in .bool(true) }
        default: nil
        }
    }
}

extension StoredModel: FilterSubject {
    func filterValue(for field: CanonicalField) -> FilterValue? {
        switch field {
        case .imageClassificationModelMetadata: model.imageClassificationModelMetadata.map { _ in .bool(true) }
        case .imageObjectDetectionModelMetadata: model.imageObjectDetectionModelMetadata.map { _ in .bool(true) }
        case .datasetID: .string(model.datasetId)
        default: nil
        }
    }
}

extension StoredModelRow: FilterSubject {
    func filterValue(for field: CanonicalField) -> FilterValue? {
        switch field {
        case .imageClassificationModelMetadata: domain == .classification ? .bool(true) : nil
        case .imageObjectDetectionModelMetadata: domain == .detection ? .bool(true) : nil
        case .datasetID: .string(datasetID)
        default: nil
        }
    }
}

extension StoredOperation: FilterSubject {
    func filterValue(for field: CanonicalField) -> FilterValue? {
        switch field {
        case .done: .bool(operation.done)
        case .worksOn: .string(worksOn)
        case .operationID: .string(id)
        default: nil
        }
    }
}

/// A model evaluation with its creation order, for filtering and paging.
struct StoredEvaluation: FilterSubject, Sendable {
    var seq: Int64
    var evaluation: ModelEvaluation

    func filterValue(for field: CanonicalField) -> FilterValue? {
        field == .annotationSpecID && !evaluation.annotationSpecId.isEmpty ? .string(evaluation.annotationSpecId) : nil
    }
}
