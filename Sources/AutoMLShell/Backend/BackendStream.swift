import AutoMLClient
import Foundation

/// The states of an operation a backend reads with one of its clients' polling streams, each turned into a
/// ``BackendOperation``. Ending the reading ends the polling.
enum BackendStream {
    static func states<State: Sendable>(
        of source: @escaping @Sendable () throws -> AsyncThrowingStream<State, any Error>,
        _ transform: @escaping @Sendable (State) async throws -> BackendOperation
    ) -> AsyncThrowingStream<BackendOperation, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await state in try source() { continuation.yield(try await transform(state)) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// How often `watch` polls.
    static let watchPolicy = PollPolicy(initialDelay: .milliseconds(200), maxDelay: .seconds(5))
}
