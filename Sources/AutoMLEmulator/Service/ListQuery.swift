import AutoMLWire

/// The `filter`, `pageSize` and `pageToken` of a List call, read and checked.
///
/// The filter is read in the grammar of the list's API (``ListFilter``); a page token is only valid with the same
/// list, parent and filter (compared in canonical form).
struct ListQuery {
    var filter: ListFilter
    var page: PageRequest

    /// Reads the query of an AutoML v1 list; a bad filter, page size or page token is INVALID_ARGUMENT.
    init(_ query: [String: String], list: FilterableList, parent: String) throws {
        let filter: FilterExpression
        do {
            filter = try FilterExpression(parsing: query["filter"] ?? "", for: list)
        } catch {
            throw ServiceError.invalidArgument(error.description)
        }
        try self.init(query, filter: .v1(filter), parent: parent)
    }

    /// Reads the query of a Vertex AI list; a bad filter, page size or page token is INVALID_ARGUMENT.
    init(_ query: [String: String], vertex list: VertexFilterableList, parent: String) throws {
        let filter: VertexFilterExpression
        do {
            filter = try VertexFilterExpression(parsing: query["filter"] ?? "", for: list)
        } catch {
            throw ServiceError.invalidArgument(error.description)
        }
        try self.init(query, filter: .vertex(filter), parent: parent)
    }

    private init(_ query: [String: String], filter: ListFilter, parent: String) throws {
        self.filter = filter
        do {
            page = try PageRequest(
                pageSizeText: query["pageSize"] ?? query["page_size"],
                pageToken: query["pageToken"] ?? query["page_token"],
                scope: PageScope(parent: parent, filter: filter))
        } catch {
            throw ServiceError.invalidArgument(error.description)
        }
    }

    /// The page of the AutoML v1 items that match the filter, in creation order.
    func page<Item: FilterSubject>(of items: [Item], sequence: (Item) -> Int64) -> Page<Item> {
        let filter = filter
        return page(of: items, accepting: { filter.matches($0) }, sequence: sequence)
    }

    /// The page of the Vertex AI items that match the filter, in creation order.
    func page<Item: VertexFilterSubject>(of items: [Item], sequence: (Item) -> Int64) -> Page<Item> {
        let filter = filter
        return page(of: items, accepting: { filter.matches($0) }, sequence: sequence)
    }

    /// The page of the AutoML v1 items that match the filter, in creation order, reading the store only as far as the
    /// page needs (``PageRead``) rather than every item.
    func page<Item: FilterSubject & Sendable>(
        reading read: (PageRead<Item>) async throws -> [Item], sequence: (Item) -> Int64
    ) async throws -> Page<Item> {
        let filter = filter
        return try await page(reading: read, accepting: { filter.matches($0) }, sequence: sequence)
    }

    /// The page of the Vertex AI items that match the filter, in creation order, reading the store only as far as the
    /// page needs (``PageRead``) rather than every item.
    func page<Item: VertexFilterSubject & Sendable>(
        reading read: (PageRead<Item>) async throws -> [Item], sequence: (Item) -> Int64
    ) async throws -> Page<Item> {
        let filter = filter
        return try await page(reading: read, accepting: { filter.matches($0) }, sequence: sequence)
    }

    private func page<Item>(of items: [Item], accepting accept: (Item) -> Bool, sequence: (Item) -> Int64)
        -> Page<Item>
    {
        page.page(of: items.filter(accept), sortKey: { sortKey(sequence($0)) })
    }

    private func page<Item: Sendable>(
        reading read: (PageRead<Item>) async throws -> [Item], accepting accept: @escaping @Sendable (Item) -> Bool,
        sequence: (Item) -> Int64
    ) async throws -> Page<Item> {
        let items = try await read(
            PageRead(afterSeq: page.startAfter.flatMap { Int64($0) }, limit: page.pageSize + 1, accept: accept))
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
