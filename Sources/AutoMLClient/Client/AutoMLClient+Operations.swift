public import AutoMLWire

extension AutoMLClient {
    /// GetOperation: the current state of an operation.
    public func getOperation(_ name: OperationName, options: CallOptions = .init()) async throws -> LongRunningOperation
    {
        try await perform(get(name), options: options, as: LongRunningOperation.self)
    }

    /// ListOperations, one page.
    /// - Parameter filter: over `done`, `worksOn` and `operation_id`, such as `done=false` or
    ///   `worksOn=projects/p/locations/us-central1/models/ICN1`.
    public func listOperationsPage(
        in parent: LocationName, filter: String? = nil, pageSize: Int? = nil,
        pageToken: String? = nil, options: CallOptions = .init()
    )
        async throws -> ListOperationsResponse
    {
        try await perform(
            list(
                "\(parent)/operations", parent: parent, filter: filter, pageSize: pageSize,
                pageToken: pageToken, routingKey: "name"),
            options: options, as: ListOperationsResponse.self)
    }

    /// ListOperations, every page, fetched as the sequence is read.
    public func listOperations(
        in parent: LocationName, filter: String? = nil, pageSize: Int? = nil,
        options: CallOptions = .init()
    ) -> PagedSequence<ListOperationsResponse> {
        PagedSequence { token in
            try await listOperationsPage(
                in: parent, filter: filter, pageSize: pageSize, pageToken: token,
                options: options)
        }
    }

    /// CancelOperation: asks the server to stop the work. Best effort: the operation may still finish; when
    /// the cancel wins it ends done with error code 1 (CANCELLED). Sent with no body, as the official
    /// client sends it.
    public func cancelOperation(_ name: OperationName, options: CallOptions = .init()) async throws {
        _ = try await perform(
            RESTCall(
                method: "POST", path: "\(name):cancel", idempotent: true,
                routing: "name=\(name)"), options: options, as: Empty.self)
    }

    /// DeleteOperation: forgets the operation's result. It does not stop the work.
    public func deleteOperation(_ name: OperationName, options: CallOptions = .init()) async throws {
        _ = try await perform(
            RESTCall(
                method: "DELETE", path: name.description, idempotent: true,
                routing: "name=\(name)"), options: options, as: Empty.self)
    }

    /// WaitOperation: the server holds the request until the operation is done or `timeout` passes, then
    /// answers with the operation as it is. Not every server implements it (UNIMPLEMENTED); ``wait(for:as:policy:options:)``
    /// polls instead and works everywhere.
    public func waitOperation(_ name: OperationName, timeout: Duration? = nil, options: CallOptions = .init())
        async throws -> LongRunningOperation
    {
        var call = post(
            name, verb: "wait", WaitOperationRequest(timeout: timeout.map(ProtoDuration.init)),
            idempotent: true)
        call.timeout = (timeout ?? Self.serverWaitPatience) + configuration.timeout
        return try await perform(call, options: options, as: LongRunningOperation.self)
    }

    /// How long a WaitOperation without a timeout may be held by the server: Google's documentation says "at most
    /// the time permitted by the underlying HTTP/RPC protocol"; the local backend holds one at most 60 s.
    static let serverWaitPatience: Duration = .seconds(600)
}
