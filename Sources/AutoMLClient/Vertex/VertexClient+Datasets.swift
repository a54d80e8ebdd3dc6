public import AutoMLWire

extension VertexClient {
    /// CreateDataset: an image dataset (``VertexSchema/imageDataset`` is filled in when the schema is empty); the
    /// operation's response is the ``VertexDataset``.
    public func createDataset(in parent: LocationName, _ dataset: VertexDataset, options: CallOptions = .init())
        async throws -> LongRunningOperation
    {
        var dataset = dataset
        if dataset.metadataSchemaUri.isEmpty { dataset.metadataSchemaUri = VertexSchema.imageDataset }
        return try await perform(
            post("\(parent)/datasets", dataset, routing: "parent=\(parent)"), options: options,
            as: LongRunningOperation.self)
    }

    /// GetDataset.
    public func getDataset(_ name: VertexDatasetName, options: CallOptions = .init()) async throws -> VertexDataset {
        try await perform(get(name), options: options, as: VertexDataset.self)
    }

    /// ListDatasets, one page. `filter` such as `display_name="flowers"`; `orderBy` such as `create_time desc`.
    public func listDatasetsPage(
        in parent: LocationName, filter: String? = nil, orderBy: String? = nil, pageSize: Int? = nil,
        pageToken: String? = nil, options: CallOptions = .init()
    ) async throws -> VertexListDatasetsResponse {
        try await perform(
            list(
                "\(parent)/datasets", parent: parent, filter: filter, pageSize: pageSize, pageToken: pageToken,
                orderBy: orderBy), options: options, as: VertexListDatasetsResponse.self)
    }

    /// ListDatasets, every page, fetched as the sequence is read.
    public func listDatasets(
        in parent: LocationName, filter: String? = nil, orderBy: String? = nil, options: CallOptions = .init()
    ) -> PagedSequence<VertexListDatasetsResponse> {
        PagedSequence { token in
            try await listDatasetsPage(in: parent, filter: filter, orderBy: orderBy, pageToken: token, options: options)
        }
    }

    /// DeleteDataset: the response is `google.protobuf.Empty`.
    public func deleteDataset(_ name: VertexDatasetName, options: CallOptions = .init()) async throws
        -> LongRunningOperation
    {
        try await perform(delete(name), options: options, as: LongRunningOperation.self)
    }

    /// ImportData (`:import`): one config per set of files; the response is an empty ``VertexImportDataResponse``,
    /// and items that could not be imported are the metadata's partial failures.
    public func importData(
        into name: VertexDatasetName, _ configs: [VertexImportDataConfig], options: CallOptions = .init()
    ) async throws -> LongRunningOperation {
        var request = VertexImportDataRequest()
        request.importConfigs = configs
        return try await perform(
            post("\(name):import", request, routing: "name=\(name)"), options: options, as: LongRunningOperation.self)
    }

    /// ExportData (`:export`): the response is a ``VertexExportDataResponse`` listing the files written.
    public func exportData(_ name: VertexDatasetName, to destination: String, options: CallOptions = .init())
        async throws -> LongRunningOperation
    {
        var config = VertexExportDataConfig()
        config.gcsDestination = VertexGcsDestination(outputUriPrefix: destination)
        var request = VertexExportDataRequest()
        request.exportConfig = config
        return try await perform(
            post("\(name):export", request, routing: "name=\(name)"), options: options, as: LongRunningOperation.self)
    }

    /// GetAnnotationSpec: a label of a dataset.
    public func getAnnotationSpec(_ name: VertexAnnotationSpecName, options: CallOptions = .init()) async throws
        -> VertexAnnotationSpec
    {
        try await perform(get(name), options: options, as: VertexAnnotationSpec.self)
    }
}
