public import AutoMLWire

extension VertexClient {
    /// GetOperation, on any owner's binding (the name as the service returned it).
    public func getOperation(_ name: VertexOperationName, options: CallOptions = .init()) async throws
        -> LongRunningOperation
    {
        try await perform(get(name), options: options, as: LongRunningOperation.self)
    }

    /// ListOperations of a location or of one resource (`owner`, such as a dataset's or an endpoint's name).
    public func listOperations(under owner: String, filter: String? = nil, options: CallOptions = .init())
        -> PagedSequence<ListOperationsResponse>
    {
        PagedSequence { token in
            try await perform(
                list("\(owner)/operations", parent: owner, filter: filter, pageSize: nil, pageToken: token),
                options: options, as: ListOperationsResponse.self)
        }
    }

    /// CancelOperation: best effort; sent without a body, as Google's binding has none.
    public func cancelOperation(_ name: VertexOperationName, options: CallOptions = .init()) async throws {
        _ = try await perform(
            RESTCall(method: "POST", path: "\(name):cancel", idempotent: true, routing: "name=\(name)"),
            options: options, as: Empty.self)
    }

    /// DeleteOperation: forgets the result; does not stop the work.
    public func deleteOperation(_ name: VertexOperationName, options: CallOptions = .init()) async throws {
        _ = try await perform(delete(name), options: options, as: Empty.self)
    }

    /// WaitOperation (`POST …/operations/ID:wait?timeout=…`, on any owner's binding): the service holds the request
    /// until the operation is done or `timeout` has passed (its own limit when nil), then answers with the operation
    /// as it is; one that is still running is an answer, not an error. Unlike v1's, the binding has no body.
    public func waitOperation(
        _ name: VertexOperationName, timeout: Duration? = nil, options: CallOptions = .init()
    ) async throws -> LongRunningOperation {
        var call = RESTCall(method: "POST", path: "\(name):wait", idempotent: true, routing: "name=\(name)")
        if let timeout {
            call.query = [("timeout", ProtoDuration(timeout).protoJSON(options: .canonical).stringValue ?? "")]
        }
        call.timeout = (timeout ?? AutoMLClient.serverWaitPatience) + configuration.timeout
        return try await perform(call, options: options, as: LongRunningOperation.self)
    }

    /// The states of an operation (under any owner) as it runs: the current one at once, then each poll that shows a
    /// change, ending with the done one. Cancelling the reading task stops the polling, not the operation.
    public func progress(
        of name: VertexOperationName, policy: PollPolicy = .standard, options: CallOptions = .init()
    ) -> AsyncThrowingStream<LongRunningOperation, any Error> {
        engine.pollStream(
            described: name.description, policy: policy, fetch: { try await getOperation(name, options: options) },
            isDone: \.done)
    }

    /// Polls an operation until it is done and returns its response as `Result`, or throws its error.
    public func wait<Result: ProtoMessage>(
        for name: VertexOperationName, as type: Result.Type, policy: PollPolicy = .standard,
        options: CallOptions = .init()
    ) async throws -> Result {
        var last: LongRunningOperation?
        try await engine.pollUntil(
            described: name.description, policy: policy, fetch: { try await getOperation(name, options: options) },
            isDone: \.done, report: { last = $0 })
        guard let last else { throw TransportError(.malformedResponse, "no state was read for \(name)") }
        return try AutoMLClient.result(of: last, as: type)
    }

    /// Waits for an operation a call returned (by its name, which may be nested under any resource).
    public func wait<Result: ProtoMessage>(
        for operation: LongRunningOperation, as type: Result.Type, policy: PollPolicy = .standard,
        options: CallOptions = .init()
    ) async throws -> Result {
        if operation.done { return try AutoMLClient.result(of: operation, as: type) }
        let name = try VertexOperationName(parsing: operation.name)
        return try await wait(for: name, as: type, policy: policy, options: options)
    }
}
