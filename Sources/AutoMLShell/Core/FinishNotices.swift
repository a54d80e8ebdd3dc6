import AutoMLClient
import Foundation
import Synchronization

/// Operations started in this shell and not watched to the end. They are read in the background, and the next prompt
/// says which finished (`ShellRunner` shows ``take()`` before each prompt, with one bell). Only the interactive shell
/// keeps them: a script or one-shot command has no prompt to say it at.
final class FinishNotices: Sendable {
    private struct Pending: Sendable {
        var operation: BackendOperation
        var location: LocationName
        var backend: any ShellBackend
    }

    private struct State: Sendable {
        var pending: [String: Pending] = [:]
        /// Notices not shown yet, by the reference they are about.
        var finished: [(reference: String, notice: String)] = []
        var polling: Task<Void, Never>?
    }

    private let state = Mutex(State())
    /// How often the pending operations are read.
    let interval: Duration

    init(interval: Duration = .seconds(2)) {
        self.interval = interval
    }

    deinit {
        state.withLock { $0.polling?.cancel() }
    }

    /// Follows an operation that is not done yet.
    func track(_ operation: BackendOperation, in location: LocationName, backend: any ShellBackend) {
        guard !operation.done, !operation.reference.isEmpty else { return }
        state.withLock { state in
            state.pending[operation.reference] = Pending(operation: operation, location: location, backend: backend)
            guard state.polling == nil else { return }
            state.polling = Task { [weak self] in
                while let self, await self.poll() {}
            }
        }
    }

    /// Stops following an operation (it was watched to its end), and drops its notice when it finished before the
    /// watch but after the last prompt: the watch has shown the end already.
    func forget(_ reference: String) {
        state.withLock { state in
            state.pending.removeValue(forKey: reference)
            state.finished.removeAll { $0.reference == reference }
        }
    }

    /// Whether a notice about `reference` waits for the next prompt.
    func hasNotice(about reference: String) -> Bool {
        state.withLock { state in state.finished.contains { $0.reference == reference } }
    }

    /// What finished since the last call, one line each, oldest first.
    func take() -> [String] {
        state.withLock { state in
            defer { state.finished = [] }
            return state.finished.map(\.notice)
        }
    }

    /// Reads every pending operation once after a pause; false when none is left (the polling task then ends).
    private func poll() async -> Bool {
        try? await Task.sleep(for: interval)
        if Task.isCancelled { return false }
        let pending = state.withLock { Array($0.pending.values) }
        for item in pending {
            let reference = item.operation.reference
            let now: BackendOperation
            do {
                now = try await item.backend.operation(reference, in: item.location)
            } catch let error as AutoMLError where error.code == .notFound {
                // Deleted meanwhile: nothing will finish.
                forget(reference)
                continue
            } catch {
                continue
            }
            guard now.done else { continue }
            state.withLock { state in
                guard state.pending.removeValue(forKey: reference) != nil else { return }
                state.finished.append((reference, Self.notice(now)))
            }
        }
        return state.withLock { state in
            if state.pending.isEmpty { state.polling = nil }
            return state.polling != nil
        }
    }

    /// `createModel ICN123 finished: done (`watch ICN123` shows the result)`.
    static func notice(_ operation: BackendOperation) -> String {
        let what = "\(operation.kind ?? "operation") \(operation.id)"
        let how = operation.error.map { "failed: \($0.message)" } ?? "done"
        return "\(what) finished: \(how) (`watch \(operation.reference)` shows the result)"
    }
}
