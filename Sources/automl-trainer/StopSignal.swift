import Dispatch
import Foundation

/// The flag the libtorch core checks between batches. It is raised for good by SIGTERM/SIGINT (the
/// local backend cancelling the operation), or for a while by a deadline (a candidate's share of the
/// budget, or the end of the budget), which the search re-arms.
final class StopSignal: @unchecked Sendable {
    private static let cancelled: Int32 = 1
    private static let deadline: Int32 = 2

    /// Shared with the C core, which only reads it.
    let pointer: UnsafeMutablePointer<Int32>
    private var signalSources: [any DispatchSourceSignal] = []
    private var timer: (any DispatchSourceTimer)?
    private let queue = DispatchQueue(label: "automl-trainer.stop")

    init() {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: 0)
    }

    deinit {
        timer?.cancel()
        pointer.deallocate()
    }

    var isCancelled: Bool { queue.sync { pointer.pointee == Self.cancelled } }

    /// Routes SIGTERM and SIGINT to the flag instead of ending the process at once.
    func watchSignals() {
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [pointer] in pointer.pointee = Self.cancelled }
            source.resume()
            signalSources.append(source)
        }
    }

    /// Raises the flag `seconds` from now (clearing an earlier deadline); a cancel stays raised.
    func arm(after seconds: Double) {
        queue.sync {
            timer?.cancel()
            if pointer.pointee == Self.deadline { pointer.pointee = 0 }
            let source = DispatchSource.makeTimerSource(queue: queue)
            source.schedule(deadline: .now() + max(0, seconds))
            source.setEventHandler { [pointer] in
                if pointer.pointee == 0 { pointer.pointee = Self.deadline }
            }
            source.resume()
            timer = source
        }
    }
}
