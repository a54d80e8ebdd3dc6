import ArgumentParser
import AutoMLClient
import Foundation
import Synchronization

/// `watch [O]`: follows an operation until it is done. Ctrl-C stops watching, not the operation.
struct WatchCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow an operation until it is done (Ctrl-C stops watching, not the operation).")
    @Argument(
        help: "An operation ID or full name (the last one started by default); on Vertex AI also a training pipeline.")
    var operation: String?

    func run(in session: ShellSession) async throws {
        let reference = try await session.operation(operation)
        let final = try await OperationWatcher(session: session).follow(reference)
        guard let final else { return }
        session.adopt(final)
        session.settle(final)
        if let error = final.error {
            session.emit(final.json)
            throw AutoMLError(operationError: error)
        }
        // A trained model or a created dataset is the result; an operation that returns nothing shows itself.
        switch final.result {
        case .model(let resource), .dataset(let resource): session.emit(resource.json)
        case .other(let json): session.emit(json)
        case .none: session.emit(final.json)
        }
    }
}

/// Polls an operation with backoff and shows its progress: a live line on a terminal, plain lines otherwise.
struct OperationWatcher {
    let session: ShellSession

    /// The operation once done, or nil when watching was interrupted (the operation goes on).
    func follow(_ reference: String) async throws -> BackendOperation? {
        let states = try await session.backend().progress(of: reference, in: try session.location(of: reference))
        let output = session.output
        let started = Date()
        let finished = Mutex(false)
        let reader = Task { () -> BackendOperation? in
            defer { finished.withLock { $0 = true } }
            var last: BackendOperation?
            var shown = ""
            for try await state in states {
                last = state
                shown = ProgressLine.show(state, since: started, output: output, previous: shown)
            }
            return last
        }
        while !finished.withLock({ $0 }) {
            if session.interrupted() {
                reader.cancel()
                if output.interactive { output.standardError("\n") }
                session.note("stopped watching \(reference); it goes on (`watch` follows it again)")
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
    static func show(_ state: BackendOperation, since start: Date, output: ShellOutput, previous: String) -> String {
        let status = state.done ? (state.error == nil ? "done" : "failed") : "running"
        let summary = "\(state.kind ?? "operation") \(state.id): \(status)" + (state.percent.map { ", \($0)%" } ?? "")
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
