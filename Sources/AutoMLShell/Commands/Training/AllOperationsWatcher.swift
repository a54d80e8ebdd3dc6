import AutoMLClient
import Foundation

/// `watch --all`: every running operation of the location, one line each, until all are done; operations started meanwhile (in another terminal) join in. Ctrl-C stops watching.
struct AllOperationsWatcher {
    let session: ShellSession

    /// How often each operation is read, and the location listed again for new ones.
    static let poll = Duration.seconds(1)
    static let relist = Duration.seconds(5)

    func follow() async throws {
        let backend = try await session.backend()
        let location = try session.location()
        var order: [String] = []
        var states: [String: BackendOperation] = [:]
        func listRunning() async throws {
            let filter = backend.operationsFilter(done: false, worksOn: nil).joined(separator: " AND ")
            try await backend.forEachPage(of: .operation, in: location, filter: filter.isEmpty ? nil : filter) {
                for item in $0 {
                    guard let reference = backend.entry(listed: item, kind: .operation)?.id, !reference.isEmpty,
                        !order.contains(reference)
                    else { continue }
                    order.append(reference)
                }
            }
        }
        try await listRunning()
        guard !order.isEmpty else {
            session.note("no operation is running in \(location)")
            return
        }
        var display = ProgressDisplay(output: session.output, started: Date())
        var lastListed = ContinuousClock.now
        while true {
            for reference in order where states[reference]?.done != true {
                do {
                    states[reference] = try await backend.operation(reference, in: location)
                } catch let error as AutoMLError where error.code == .notFound {
                    // Deleted meanwhile (in another terminal): no longer followed.
                    order.removeAll { $0 == reference }
                    states[reference] = nil
                    session.note("\(reference) is gone (deleted?); no longer followed")
                } catch {
                    continue
                }
            }
            display.show(order.compactMap { states[$0].map { ($0, nil) } })
            if order.allSatisfy({ states[$0]?.done == true }) { break }
            if Task.isCancelled { throw CancellationError() }
            if ContinuousClock.now - lastListed >= Self.relist {
                try? await listRunning()
                lastListed = .now
            }
            if try await interruptibleSleep(Self.poll) {
                display.end()
                session.note("stopped watching; the operations go on (`watch --all` follows them again)")
                return
            }
        }
        display.end()
        let finals = order.compactMap { states[$0] }
        for state in finals {
            session.finishNotices.forget(state.reference)
            session.settle(state)
        }
        session.emit(.object([backend.collection(of: .operation): .array(finals.map(\.json))]))
    }

    /// Sleeps, looking for Ctrl-C; true when it was pressed.
    private func interruptibleSleep(_ duration: Duration) async throws -> Bool {
        let end = ContinuousClock.now + duration
        while ContinuousClock.now < end {
            if session.interrupted() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
