import NIOCore
import Synchronization

/// The server's open connections: what shutdown closes, and what the connection limit counts.
///
/// Each connection reports whether it is waiting (idle, or still receiving a request's head) and since when. When a
/// new connection would pass the limit, the connection that has waited longest is closed to make room, so idle or
/// slow clients cannot lock others out; only when every connection is busy (a body arriving, an answer being made)
/// is the new one refused.
final class ConnectionRegistry: Sendable {
    private struct Entry {
        var channel: any Channel
        /// Whether the connection waits for a client (idle, or a head arriving) rather than doing work.
        var waiting: Bool
        /// When it started waiting.
        var since: NIODeadline
    }

    private let open = Mutex<[ObjectIdentifier: Entry]>([:])
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts a new connection in. Returns false when it has to be refused: the limit is reached and every other
    /// connection is busy. Otherwise the longest-waiting connection is closed when the limit is reached.
    func admit(_ channel: any Channel) -> Bool {
        let key = ObjectIdentifier(channel)
        let evicted: (any Channel)?? = open.withLock { entries in
            var victim: (any Channel)?
            if entries.count >= limit {
                guard let oldest = entries.filter({ $0.value.waiting }).min(by: { $0.value.since < $1.value.since })
                else { return .none }
                victim = entries.removeValue(forKey: oldest.key)?.channel
            }
            entries[key] = Entry(channel: channel, waiting: true, since: .now())
            return .some(victim)
        }
        guard let evicted else { return false }
        evicted?.close(promise: nil)
        channel.closeFuture.whenComplete { [weak self] _ in
            _ = self?.open.withLock { $0.removeValue(forKey: key) }
        }
        return true
    }

    /// Records whether a connection waits for its client (and since now) or is busy.
    func mark(_ channel: any Channel, waiting: Bool) {
        let key = ObjectIdentifier(channel)
        open.withLock { entries in
            guard entries[key] != nil else { return }
            entries[key]?.waiting = waiting
            entries[key]?.since = .now()
        }
    }

    /// How many connections are open.
    var count: Int { open.withLock { $0.count } }

    /// How many connections are busy: a body arriving, or an answer being made.
    var busyCount: Int { open.withLock { $0.values.count { !$0.waiting } } }

    func closeAll() async {
        let channels = open.withLock { $0.values.map(\.channel) }
        for channel in channels { try? await channel.close() }
    }
}
