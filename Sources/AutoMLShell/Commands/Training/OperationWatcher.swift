import AutoMLClient
import Foundation
import Synchronization

/// Polls an operation with backoff and shows its progress: on a terminal a live view redrawn in place (for a
/// training on the local backend with its search, ``TrainingView``); otherwise a plain line whenever it changes.
struct OperationWatcher {
    let session: ShellSession

    /// How often the live view is redrawn and the training log read.
    static let redraw = Duration.milliseconds(250)
    static let logInterval = Duration.seconds(1)

    /// The operation once done, or nil when watching was interrupted (the operation goes on).
    func follow(_ reference: String) async throws -> BackendOperation? {
        let backend = try await session.backend()
        let location = try session.location(of: reference)
        let states = backend.progress(of: reference, in: location)
        let output = session.output
        let shared = Shared()
        let reader = Task { () -> BackendOperation? in
            defer { shared.finished.withLock { $0 = true } }
            for try await state in states { shared.latest.withLock { $0 = state } }
            return shared.latest.withLock { $0 }
        }
        // The training log is read only for a live view, and no more once the server says it has none.
        let logReader = Task {
            guard output.interactive else { return }
            while !Task.isCancelled {
                if let state = shared.latest.withLock({ $0 }) {
                    guard backend.isTraining(state) else { return }
                    guard let read = try? await backend.trainingLog(of: reference, in: location) else { return }
                    shared.log.withLock { $0 = read }
                    if state.done { return }
                }
                try? await Task.sleep(for: Self.logInterval)
            }
        }
        defer { logReader.cancel() }
        var display = ProgressDisplay(output: output, started: Date())
        var lastDrawn = ContinuousClock.now - Self.redraw
        while !shared.finished.withLock({ $0 }) {
            // Ctrl-C, or the shell cancelled the command (Ctrl-C it had not taken in time).
            if session.interrupted() || Task.isCancelled {
                reader.cancel()
                display.end()
                session.note("stopped watching \(reference); it goes on (`watch` follows it again)")
                return nil
            }
            if ContinuousClock.now - lastDrawn >= Self.redraw, let state = shared.latest.withLock({ $0 }) {
                display.show(state, log: shared.log.withLock { $0 })
                lastDrawn = .now
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        let final: BackendOperation?
        do {
            final = try await reader.value
        } catch {
            display.end()
            throw error
        }
        if let final {
            if final.done { session.finishNotices.forget(final.reference) }
            // The last read of the log has the reason training stopped.
            if output.interactive, backend.isTraining(final),
                let read = try? await backend.trainingLog(of: reference, in: location)
            {
                shared.log.withLock { $0 = read }
            }
            display.show(final, log: shared.log.withLock { $0 })
        }
        display.end()
        return final
    }
}

/// What the watcher's tasks share: the latest state, the latest training log, whether polling ended.
private final class Shared: Sendable {
    let latest = Mutex<BackendOperation?>(nil)
    let log = Mutex<TrainingLog?>(nil)
    let finished = Mutex(false)
}

/// Where a watched operation's progress goes: a block of lines redrawn in place on a terminal, plain lines (only
/// when the state changes) otherwise.
struct ProgressDisplay {
    let output: ShellOutput
    /// When watching began: the elapsed time counts from it when the server does not say when the operation started.
    let started: Date
    private var drawnLines = 0
    /// The line last printed of each operation, when not on a terminal.
    private var lastSummaries: [String: String] = [:]

    init(output: ShellOutput, started: Date) {
        self.output = output
        self.started = started
    }

    mutating func show(_ state: BackendOperation, log: TrainingLog?) {
        show([(state, log)])
    }

    /// Shows operations one after the other, each with its training log when it has one.
    mutating func show(_ states: [(state: BackendOperation, log: TrainingLog?)]) {
        var lines: [String] = []
        for (state, log) in states {
            let status = state.done ? (state.error == nil ? "done" : "failed") : "running"
            let title = "\(state.kind ?? "operation") \(state.id)"
            guard output.interactive else {
                let summary = "\(title): \(status)" + (state.percent.map { ", \($0)%" } ?? "")
                guard summary != lastSummaries[state.reference] else { continue }
                lastSummaries[state.reference] = summary
                let elapsed = TrainingView.duration(Date().timeIntervalSince(started))
                output.standardError(summary + ", \(elapsed) elapsed\n")
                continue
            }
            let view = TrainingView(
                title: title, status: status, percent: state.percent,
                elapsed: (state.ended ?? Date()).timeIntervalSince(state.started ?? started), log: log)
            lines += view.lines(width: output.width, colors: output.colors)
        }
        if output.interactive { redraw(lines) }
    }

    /// Replaces the block drawn last with `lines`.
    mutating func redraw(_ lines: [String]) {
        var text = "\r"
        if drawnLines > 1 { text += "\u{1B}[\(drawnLines - 1)A" }
        text += "\u{1B}[J" + lines.joined(separator: "\n")
        output.standardError(text)
        drawnLines = lines.count
    }

    /// Leaves the last block on screen and moves below it.
    mutating func end() {
        if output.interactive, drawnLines > 0 { output.standardError("\n") }
        drawnLines = 0
    }
}
