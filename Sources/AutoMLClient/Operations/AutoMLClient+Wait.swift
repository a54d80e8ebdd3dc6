public import AutoMLWire

extension AutoMLClient {
    /// Polls an operation until it is done and returns its response as `Result` (`Model`, `Dataset`,
    /// `Empty`, `BatchPredictResult`).
    ///
    /// Throws the operation's own error as an ``AutoMLError`` (code 1, CANCELLED, for a cancelled one), an
    /// ``AutoMLError`` with DEADLINE_EXCEEDED when the policy's timeout passes first (the operation goes on
    /// running), and ``TransportError`` when the response is not a `Result`.
    public func wait<Result: ProtoMessage>(
        for name: OperationName, as type: Result.Type,
        policy: PollPolicy = .standard, options: CallOptions = .init()
    )
        async throws -> Result
    {
        var last: LongRunningOperation?
        for try await operation in progress(of: name, policy: policy, options: options) {
            last = operation
        }
        guard let last else {
            throw TransportError(.malformedResponse, "no state was read for \(name)")
        }
        return try Self.result(of: last, as: type)
    }

    /// The states of an operation as it runs: the current one at once, then each poll that shows a change,
    /// ending with the done one. Cancelling the reading task stops the polling, not the operation.
    public func progress(of name: OperationName, policy: PollPolicy = .standard, options: CallOptions = .init())
        -> AsyncThrowingStream<LongRunningOperation, any Error>
    {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await poll(name, policy: policy, options: options) { continuation.yield($0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The response of a done operation as `Result`, or its error thrown.
    public static func result<Result: ProtoMessage>(of operation: LongRunningOperation, as type: Result.Type) throws
        -> Result
    {
        if let error = operation.error {
            throw AutoMLError(operationError: error)
        }
        guard operation.done else {
            throw TransportError(.malformedResponse, "\(operation.name) is not done yet")
        }
        guard let response = operation.response else {
            throw TransportError(.malformedResponse, "\(operation.name) is done with neither a response nor an error")
        }
        do {
            return try response.unpack(type, path: "response")
        } catch let error as ProtoJSONError {
            throw TransportError(.malformedResponse, "the result of \(operation.name): \(error)")
        }
    }

    private func poll(
        _ name: OperationName, policy: PollPolicy, options: CallOptions,
        report: (LongRunningOperation) -> Void
    ) async throws {
        try await pollUntil(
            described: name.description, policy: policy, fetch: { try await getOperation(name, options: options) },
            isDone: \.done, report: report)
    }

    /// ``pollUntil(described:policy:fetch:isDone:report:)`` as a stream of the changes, ending with the done state.
    /// Cancelling the reading task stops the polling, not the work.
    func pollStream<State: Equatable & Sendable>(
        described name: String, policy: PollPolicy, fetch: @escaping @Sendable () async throws -> State,
        isDone: @escaping @Sendable (State) -> Bool
    ) -> AsyncThrowingStream<State, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await pollUntil(
                        described: name, policy: policy, fetch: fetch, isDone: isDone,
                        report: { continuation.yield($0) })
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Reads a state again and again with the policy's delays until `isDone`, reporting each change; polls through
    /// passing failures (a busy service, a dropped poll) for up to the policy's patience. The AutoML and Vertex AI
    /// clients wait this way for operations, and for training pipelines (which are not operations).
    func pollUntil<State: Equatable>(
        described name: String, policy: PollPolicy, fetch: () async throws -> State, isDone: (State) -> Bool,
        report: (State) -> Void
    ) async throws {
        let clock = ContinuousClock()
        let started = clock.now
        var lastAnswer = started
        var state: State?
        var pollNumber = 0
        while !(state.map(isDone) ?? false) {
            if pollNumber > 0 {
                let wait = policy.delay(beforePoll: pollNumber)
                if let timeout = policy.timeout, clock.now - started + wait > timeout {
                    throw AutoMLError(
                        code: .deadlineExceeded,
                        message: "\(name) was still running after \(timeout); it goes on running")
                }
                try await environment.sleep(wait)
                try Task.checkCancellation()
            }
            pollNumber += 1
            let next: State
            do {
                next = try await fetch()
            } catch  where Self.isPassing(error) && clock.now - lastAnswer < policy.patience {
                // The service is busy or the network dropped a poll: the work goes on, so the wait does too.
                continue
            }
            lastAnswer = clock.now
            if next != state { report(next) }
            state = next
        }
    }

    /// Whether a failed poll is worth polling again after: the service was busy or the answer did not arrive.
    static func isPassing(_ error: any Error) -> Bool {
        switch error {
        case let error as TransportError:
            return [.connectFailed, .connectionReset, .timedOut].contains(error.kind)
        case let error as AutoMLError:
            return [.unavailable, .resourceExhausted, .deadlineExceeded].contains(error.code)
        default:
            return false
        }
    }
}
