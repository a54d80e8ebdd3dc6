public import AutoMLWire

extension AutoMLClient {
    /// CreateDataset: starts creating a dataset; the operation's response is the `Dataset`.
    ///
    /// When the answer is lost, a dataset of the same display name created since the call is looked for before
    /// the call is sent again (see ``performReconciling(_:options:candidates:)``).
    public func createDataset(in parent: LocationName, _ dataset: Dataset, options: CallOptions = .init())
        async throws -> LongRunningOperation
    {
        let call = RESTCall(
            method: "POST", path: "\(parent)/datasets", body: dataset.jsonData(), idempotent: false,
            routing: "parent=\(parent)")
        return try await performReconciling(call, options: options) { since in
            let made = try await listDatasets(in: parent, options: options).collect().filter {
                $0.displayName == dataset.displayName && ($0.createTime ?? Timestamp(seconds: 0)) >= since
            }
            var found: [LongRunningOperation] = []
            for candidate in made {
                guard let name = candidate.datasetName else { continue }
                let operations = try await startedOperations("createDataset", on: name, since: since, options: options)
                if operations.isEmpty {
                    // The dataset is there but its operation is not listed: the dataset is the result.
                    var done = LongRunningOperation()
                    done.done = true
                    done.response = ProtoAny(candidate)
                    found.append(done)
                } else {
                    found += operations
                }
            }
            return found
        }
    }

    /// GetDataset.
    public func getDataset(_ name: DatasetName, options: CallOptions = .init()) async throws -> Dataset {
        try await perform(get(name), options: options, as: Dataset.self)
    }

    /// ListDatasets, one page.
    /// - Parameter filter: such as `image_classification_dataset_metadata:*`.
    public func listDatasetsPage(
        in parent: LocationName, filter: String? = nil, pageSize: Int? = nil,
        pageToken: String? = nil, options: CallOptions = .init()
    )
        async throws -> ListDatasetsResponse
    {
        try await perform(
            list(
                "\(parent)/datasets", parent: parent, filter: filter, pageSize: pageSize,
                pageToken: pageToken), options: options, as: ListDatasetsResponse.self)
    }

    /// ListDatasets, every page, fetched as the sequence is read.
    public func listDatasets(
        in parent: LocationName, filter: String? = nil, pageSize: Int? = nil,
        options: CallOptions = .init()
    ) -> PagedSequence<ListDatasetsResponse> {
        PagedSequence { token in
            try await listDatasetsPage(
                in: parent, filter: filter, pageSize: pageSize, pageToken: token,
                options: options)
        }
    }

    /// UpdateDataset: overwrites the fields named in `updateMask` (lowerCamelCase paths such as
    /// `displayName`); with no mask, the server decides (the official client then sends none).
    public func updateDataset(_ dataset: Dataset, updateMask: [String] = [], options: CallOptions = .init())
        async throws -> Dataset
    {
        let name = try DatasetName(parsing: dataset.name)
        var call = RESTCall(
            method: "PATCH", path: name.description, body: dataset.jsonData(), idempotent: true,
            routing: "dataset.name=\(name)")
        if !updateMask.isEmpty { call.query = [("updateMask", updateMask.joined(separator: ","))] }
        return try await perform(call, options: options, as: Dataset.self)
    }

    /// DeleteDataset: starts deleting a dataset and everything in it; the response is `Empty`.
    public func deleteDataset(_ name: DatasetName, options: CallOptions = .init()) async throws -> LongRunningOperation
    {
        try await perform(
            RESTCall(method: "DELETE", path: name.description, idempotent: true, routing: "name=\(name)"),
            options: options, as: LongRunningOperation.self)
    }

    /// ImportData: starts importing images and labels from CSV files; the response is `Empty`, and bad rows
    /// are listed in the metadata's `partialFailures`.
    public func importData(into name: DatasetName, _ inputConfig: InputConfig, options: CallOptions = .init())
        async throws -> LongRunningOperation
    {
        try await performReconciling(
            post(name, verb: "importData", ImportDataRequest(inputConfig: inputConfig)), options: options
        ) { since in try await startedOperations("importData", on: name, since: since, options: options) }
    }

    /// ExportData: starts writing the dataset as CSV under a `gs://` prefix.
    public func exportData(_ name: DatasetName, to outputConfig: OutputConfig, options: CallOptions = .init())
        async throws -> LongRunningOperation
    {
        try await performReconciling(
            post(name, verb: "exportData", ExportDataRequest(outputConfig: outputConfig)), options: options
        ) { since in try await startedOperations("exportData", on: name, since: since, options: options) }
    }

    /// GetAnnotationSpec.
    public func getAnnotationSpec(_ name: AnnotationSpecName, options: CallOptions = .init())
        async throws -> AnnotationSpec
    {
        try await perform(get(name), options: options, as: AnnotationSpec.self)
    }
}

extension AutoMLClient {
    func get(_ name: some CustomStringConvertible) -> RESTCall {
        RESTCall(method: "GET", path: name.description, idempotent: true, routing: "name=\(name)")
    }

    func post(_ name: some ResourceName, verb: String, _ body: some ProtoMessage, idempotent: Bool = false)
        -> RESTCall
    {
        RESTCall(
            method: "POST", path: "\(name):\(verb)", body: body.jsonData(), idempotent: idempotent,
            routing: "name=\(name)")
    }

    func list(
        _ path: String, parent: some CustomStringConvertible, filter: String?, pageSize: Int?, pageToken: String?,
        orderBy: String? = nil, routingKey: String = "parent"
    ) -> RESTCall {
        var query: [(String, String)] = []
        if let filter { query.append(("filter", filter)) }
        if let pageSize { query.append(("pageSize", String(pageSize))) }
        if let pageToken, !pageToken.isEmpty { query.append(("pageToken", pageToken)) }
        if let orderBy { query.append(("orderBy", orderBy)) }
        return RESTCall(method: "GET", path: path, query: query, idempotent: true, routing: "\(routingKey)=\(parent)")
    }
}
