public import AutoMLWire

/// Calls that start an operation (a create, an import, a deploy) and whose answer can be lost.
///
/// Sending such a call again blindly could do the work twice: two datasets, two trainings. So when the outcome is
/// unknown (the connection dropped after the request went out, the deadline passed, or the service answered
/// UNAVAILABLE, which it may do after starting the work) the client first looks for the operation the call would
/// have started, created since just before the call, and returns it when there is exactly one. Only when there is
/// none is the call sent again. When more than one could be it (another client started the same work at the same
/// moment) nothing is sent and the error names them.
extension AutoMLClient {
    /// How many times a call that starts an operation is sent, at the most.
    static let reconcilingSends = 8
    /// How far before the call an operation's `createTime` may lie and still count as the call's (clock skew).
    static let reconcilingSlack: Int64 = 2

    /// Sends `call` (which answers an operation) and reconciles a lost outcome with `candidates`: the operations
    /// created at or after the time given that the call could have started.
    func performReconciling(
        _ call: RESTCall, options: CallOptions,
        candidates: @Sendable (Timestamp) async throws -> [LongRunningOperation]
    ) async throws -> LongRunningOperation {
        let since = Timestamp(seconds: Int64(environment.wallClock()) - Self.reconcilingSlack)
        var sends = 0
        while true {
            sends += 1
            do {
                return try await perform(call, options: options, as: LongRunningOperation.self)
            } catch  where Self.outcomeIsUnknown(error) {
                let found = try await candidates(since)
                if found.count == 1, let operation = found.first { return operation }
                if found.count > 1 {
                    throw AutoMLError(
                        code: .aborted,
                        message: "\(call.method) \(call.path) may have reached the service (\(error)), and "
                            + "\(found.count) operations it could have started exist: "
                            + found.map { $0.operationName?.operation ?? $0.name }.joined(separator: ", ")
                            + "; it was not sent again")
                }
                guard sends < Self.reconcilingSends else {
                    throw Self.annotated(error, "the service has no operation from it (checked), so nothing was done")
                }
                let policy = options.retry ?? configuration.retry
                try await environment.sleep(policy.backoff(beforeAttempt: sends + 1, random: environment.random))
            }
        }
    }

    /// Whether a failure leaves it open if the service acted on the request.
    static func outcomeIsUnknown(_ error: any Error) -> Bool {
        switch error {
        case let error as TransportError:
            return error.requestMayHaveBeenSent && error.kind != .cancelled
        case let error as AutoMLError:
            return error.code == .unavailable || error.code == .deadlineExceeded
        default:
            return false
        }
    }

    private static func annotated(_ error: any Error, _ note: String) -> any Error {
        switch error {
        case var error as TransportError:
            error.message += "; \(note)"
            return error
        case var error as AutoMLError:
            error.message += "; \(note)"
            return error
        default:
            return error
        }
    }

    /// The operations of `kind` (such as `importData`) on `target` created since `since`.
    func startedOperations(
        _ kind: String, on target: some LocatedResourceName, since: Timestamp, options: CallOptions
    ) async throws -> [LongRunningOperation] {
        try await startedOperations(
            kind, in: target.parent, filter: "worksOn=\(target)", since: since, options: options)
    }

    /// The operations of `kind` in `parent` (narrowed by `filter`) created since `since`.
    func startedOperations(
        _ kind: String, in parent: LocationName, filter: String?, since: Timestamp, options: CallOptions
    ) async throws -> [LongRunningOperation] {
        try await listOperations(in: parent, filter: filter, options: options).collect().filter { operation in
            guard let metadata = operation.automlMetadata, metadata.kind == kind,
                let created = metadata.createTime
            else { return false }
            return created >= since
        }
    }
}
