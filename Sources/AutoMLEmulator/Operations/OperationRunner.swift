import AutoMLWire
import Foundation
import Logging
import Synchronization

/// Runs the work of operations in the background and records how each ends.
///
/// Each running operation has one task. Cancel cancels the task; the operation then ends done with
/// CANCELLED and leaves no half-made resource, because results are written in the same transaction that
/// marks the operation done.
final class OperationRunner: Sendable {
    let store: EmulatorStore
    let clock: any EmulatorClock
    let logger: Logger
    private let tasks = Mutex<[String: Task<Void, Never>]>([:])
    /// Set while shutting down: tasks cancelled then stop without recording a cancel, so the operations
    /// resume when the backend starts again.
    private let stopping = Mutex(false)
    private let work: Mutex<(@Sendable (StoredOperation) async throws -> OperationOutcome)?> = Mutex(nil)

    init(store: EmulatorStore, clock: any EmulatorClock, logger: Logger) {
        self.store = store
        self.clock = clock
        self.logger = logger
    }

    /// Sets what running an operation means (the service's job handlers); called once at start-up.
    func setWork(_ body: @escaping @Sendable (StoredOperation) async throws -> OperationOutcome) {
        work.withLock { $0 = body }
    }

    /// How many operations are running.
    var runningCount: Int { tasks.withLock { $0.count } }

    /// Starts an operation's work in the background.
    func start(_ operation: StoredOperation) {
        let task = Task { [self] in
            await run(operation)
            _ = tasks.withLock { $0.removeValue(forKey: operation.id) }
        }
        tasks.withLock { $0[operation.id] = task }
    }

    /// Whether an operation's work is running in this process.
    func isRunning(_ id: String) -> Bool {
        tasks.withLock { $0[id] != nil }
    }

    /// Cancels an operation's task, if one runs here.
    func cancel(_ id: String) {
        tasks.withLock { $0[id] }?.cancel()
    }

    /// Cancels every running task and waits for them (shutdown).
    func stopAll() async {
        stopping.withLock { $0 = true }
        let running = tasks.withLock { Array($0.values) }
        for task in running { task.cancel() }
        for task in running { await task.value }
    }

    private func run(_ operation: StoredOperation) async {
        guard let work = work.withLock({ $0 }) else { return }
        do {
            let outcome = try await work(operation)
            guard !outcome.isRecorded else { return }
            await ending(operation.id) { try await self.finish(operation.id) { outcome.apply(to: &$0, &$1) } }
        } catch is CancellationError {
            if stopping.withLock({ $0 }) { return }
            await endCancelled(operation.id)
        } catch let error as ServiceError {
            await endFailed(operation.id, error.status)
        } catch let failure as TrainingFailure {
            await endFailed(operation.id, Status(code: .internal, message: failure.message))
        } catch {
            logger.error("operation \(operation.id) failed: \(error)")
            await endFailed(operation.id, Status(code: .internal, message: "the local backend failed: \(error)"))
        }
    }

    /// Marks the operation done, changing it as given, unless it is done already; returns it as stored afterwards
    /// (nil when it is gone).
    @discardableResult
    func finish(
        _ id: String,
        _ change: @Sendable @escaping (inout LongRunningOperation, inout OperationMetadata) -> Void
    )
        async throws -> LongRunningOperation?
    {
        try await store.updateOperation(id, now: clock.now()) { operation, metadata in
            operation.done = true
            change(&operation, &metadata)
            metadata.progressPercent = operation.error == nil ? 100 : metadata.progressPercent
        }
    }

    /// Ends an operation as cancelled (code 1), unless it is done already.
    func endCancelled(_ id: String) async {
        await ending(id) {
            try await self.finish(id) { operation, _ in
                operation.error = Status(code: .cancelled, message: "Operation was cancelled.")
            }
        }
    }

    func endFailed(_ id: String, _ status: Status) async {
        await ending(id) { try await self.finish(id) { operation, _ in operation.error = status } }
    }

    /// Runs a final write outside the operation's (possibly cancelled) task, so cancellation cannot
    /// interrupt the write that records the end.
    private func ending(_ id: String, _ body: @escaping @Sendable () async throws -> Void) async {
        let result = await Task { try await body() }.result
        if case .failure(let error) = result {
            logger.error("could not record the end of operation \(id): \(error)")
        }
    }
}

/// How a job ends its operation: a response or an error, and any partial failures (at most 20 are kept).
struct OperationOutcome: Sendable {
    var response: ProtoAny?
    var error: Status?
    var partialFailures: [Status] = []
    /// Whether the work already marked the operation done, in the transaction that stored its result.
    var isRecorded = false

    /// The work stored its result and ended the operation itself (a training); nothing is left to write.
    static func recorded(_ message: some ProtoMessage) -> OperationOutcome {
        OperationOutcome(response: ProtoAny(message), isRecorded: true)
    }

    static func response(_ message: some ProtoMessage, partialFailures: [Status] = []) -> OperationOutcome {
        OperationOutcome(response: ProtoAny(message), partialFailures: partialFailures)
    }

    static func failure(_ status: Status, partialFailures: [Status] = []) -> OperationOutcome {
        OperationOutcome(error: status, partialFailures: partialFailures)
    }

    func apply(to operation: inout LongRunningOperation, _ metadata: inout OperationMetadata) {
        operation.error = error
        operation.response = error == nil ? response : nil
        if !partialFailures.isEmpty { metadata.partialFailures = Array(partialFailures.prefix(20)) }
    }
}
