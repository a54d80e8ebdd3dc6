import Foundation

/// The node-hour budget as wall time: what is left of it and what has been spent, earlier runs included.
struct Budget {
    let totalMilliNodeHours: Int64
    let spentBeforeMilliNodeHours: Int64
    let nodeHourSeconds: Double
    private let start: ContinuousClock.Instant

    init(total: Int64, spentBefore: Int64, nodeHourSeconds: Double, start: ContinuousClock.Instant = .now) {
        totalMilliNodeHours = max(0, total)
        spentBeforeMilliNodeHours = min(max(0, spentBefore), max(0, total))
        self.nodeHourSeconds = max(0.000_001, nodeHourSeconds)
        self.start = start
    }

    /// Seconds this run may spend.
    var allowedSeconds: Double {
        Double(totalMilliNodeHours - spentBeforeMilliNodeHours) / 1000 * nodeHourSeconds
    }

    var elapsedSeconds: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    var remainingSeconds: Double { max(0, allowedSeconds - elapsedSeconds) }

    var isSpent: Bool { remainingSeconds <= 0 }

    /// Spent so far, earlier runs included, never more than the budget.
    var spentMilliNodeHours: Int64 {
        let now = spentBeforeMilliNodeHours + Int64((elapsedSeconds / nodeHourSeconds * 1000).rounded(.up))
        return min(totalMilliNodeHours, now)
    }

    var percent: Int {
        totalMilliNodeHours == 0 ? 100 : Int(spentMilliNodeHours * 100 / totalMilliNodeHours)
    }
}
