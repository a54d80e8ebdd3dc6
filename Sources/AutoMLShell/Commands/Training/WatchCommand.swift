import ArgumentParser
import AutoMLClient
import Foundation
import Synchronization

/// `watch [O]`: follows an operation until it is done. Ctrl-C stops watching, not the operation.
struct WatchCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow an operation until it is done (Ctrl-C stops watching, not the operation).")
    @Argument(help: "An operation ID or full name (the last one started by default).") var operation: String?

    func run(in session: ShellSession) async throws {
        let name = try session.operation(operation)
        let final = try await OperationWatcher(session: session).follow(name)
        guard let final else { return }
        session.adopt(final)
        session.settle(final)
        if let error = final.error {
            session.emit(final)
            throw AutoMLError(operationError: error)
        }
        // A trained model or a created dataset is the result; an operation that returns nothing shows itself.
        if let response = final.response, !response.holds(Empty.self) {
            session.emit(response.protoJSON(options: .canonical))
        } else {
            session.emit(final)
        }
    }
}

/// Polls an operation with backoff and shows its progress: a live line on a terminal, plain lines otherwise.
struct OperationWatcher {
    let session: ShellSession

    /// The operation once done, or nil when watching was interrupted (the operation goes on).
    func follow(_ name: OperationName) async throws -> LongRunningOperation? {
        let client = try await session.client()
        let output = session.output
        let started = Date()
        let finished = Mutex(false)
        let reader = Task { () -> LongRunningOperation? in
            defer { finished.withLock { $0 = true } }
            var last: LongRunningOperation?
            var shown = ""
            let policy = PollPolicy(initialDelay: .milliseconds(200), maxDelay: .seconds(5))
            for try await state in client.progress(of: name, policy: policy) {
                last = state
                shown = ProgressLine.show(state, since: started, output: output, previous: shown)
            }
            return last
        }
        while !finished.withLock({ $0 }) {
            if session.interrupted() {
                reader.cancel()
                if output.interactive { output.standardError("\n") }
                session.note("stopped watching \(name.operation); it goes on (`watch` follows it again)")
                return nil
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        if output.interactive { output.standardError("\n") }
        return try await reader.value
    }
}

/// The progress of an operation as one line: kind, ID, state, percent, elapsed time.
enum ProgressLine {
    /// Writes the line (over the previous one on a terminal; only when it changed otherwise) and returns it.
    static func show(_ state: LongRunningOperation, since start: Date, output: ShellOutput, previous: String) -> String
    {
        let metadata = state.automlMetadata
        let kind = metadata?.kind ?? "operation"
        let percent = metadata?.progressPercent ?? 0
        let status = state.done ? (state.error == nil ? "done" : "failed") : "running"
        let id = state.operationName?.operation ?? state.name
        let summary = "\(kind) \(id): \(status), \(percent)%"
        let elapsed = Int(Date().timeIntervalSince(start))
        let line = summary + ", \(elapsed / 60):\(String(format: "%02d", elapsed % 60)) elapsed"
        if output.interactive {
            output.standardError("\r\u{1B}[2K" + String(line.prefix(max(20, output.width - 1))))
        } else if summary != previous {
            output.standardError(line + "\n")
        }
        return output.interactive ? line : summary
    }
}
