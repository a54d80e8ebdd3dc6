import Foundation

/// The process's limit on open files, which every connection counts against beside the database, the models and
/// the workers' pipes.
enum OpenFileLimit {
    /// Descriptors kept for everything but connections.
    static let reserve: rlim_t = 256

    /// Raises the soft limit (up to the hard one) so that `connections` fit beside the reserve, and returns how many
    /// connections do fit: `connections`, or fewer when the hard limit is lower.
    static func raise(toServe connections: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return connections }
        let wanted = rlim_t(connections) + reserve
        if limit.rlim_cur < wanted {
            limit.rlim_cur = min(wanted, limit.rlim_max)
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
            _ = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        guard limit.rlim_cur > reserve else { return max(1, connections / 4) }
        return max(1, min(connections, Int(limit.rlim_cur - reserve)))
    }
}
