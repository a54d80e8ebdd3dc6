/// The shell's command history as a pure value: no duplicates (a line entered again moves to the end),
/// at most `capacity` entries (the oldest go first), one line per entry.
///
/// `LibEditLineReader` keeps one of these as the source of truth, mirrors it into libedit's history list
/// (what Ctrl-P and the arrows walk) and saves it with `HistoryFile`.
struct LineHistory: Sendable, Equatable {
    /// What `add(_:)` did, so the caller knows how to mirror the change.
    enum Change: Equatable {
        /// The line was added at the end (and the oldest entry dropped if the history was full).
        case appended
        /// The line was already there, earlier: it moved to the end.
        case moved
        /// The line is already the newest entry.
        case unchanged
        /// Not a line the history keeps (empty, blank, or with a newline or NUL in it).
        case rejected
    }

    private(set) var entries: [String]
    let capacity: Int

    /// A history of `entries` (oldest first), keeping the newest occurrence of each and the newest
    /// `capacity` of them; entries that `add(_:)` would reject are dropped.
    init(entries: some Sequence<String> = [], capacity: Int) {
        self.capacity = max(0, capacity)
        var seen = Set<String>()
        var newestFirst: [String] = []
        for entry in Array(entries).reversed() where Self.keeps(entry) && newestFirst.count < self.capacity {
            if seen.insert(entry).inserted { newestFirst.append(entry) }
        }
        self.entries = newestFirst.reversed()
    }

    /// Adds `line` as the newest entry.
    @discardableResult
    mutating func add(_ line: String) -> Change {
        guard Self.keeps(line), capacity > 0 else { return .rejected }
        if entries.last == line { return .unchanged }
        if let index = entries.firstIndex(of: line) {
            entries.remove(at: index)
            entries.append(line)
            return .moved
        }
        entries.append(line)
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        return .appended
    }

    /// Whether a line can be an entry at all: not blank, and one line (the file stores one per line).
    static func keeps(_ line: String) -> Bool {
        let blank = line.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 }
        return !blank && !line.utf8.contains { $0 == 0x0A || $0 == 0x0D || $0 == 0 }
    }
}
