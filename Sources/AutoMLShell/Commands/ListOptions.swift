import ArgumentParser
import AutoMLClient
import Foundation

/// `--limit N` and `--sort-by FIELD` of every list (`datasets`, `models`, `operations`, `evaluations`).
struct ListOptions: ParsableArguments {
    @Option(help: "Print at most this many items (after sorting).") var limit: Int?
    @Option(
        name: .customLong("sort-by"),
        help: "Sort by a member: displayName, createTime, metadata.progressPercent, …; ~FIELD sorts descending.")
    var sortBy: String?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if sortBy != nil, order == nil {
            throw ValidationError("--sort-by takes a member such as displayName or createTime (~FIELD: descending)")
        }
    }

    /// Whether the list is printed as it is listed (nothing to sort or cut).
    var isEmpty: Bool { limit == nil && sortBy == nil }

    /// The path and direction of `--sort-by`.
    var order: (path: ResultPath, descending: Bool)? {
        guard let sortBy else { return nil }
        let descending = sortBy.hasPrefix("~")
        return ResultPath(parsing: String(sortBy.dropFirst(descending ? 1 : 0))).map { ($0, descending) }
    }

    /// The items sorted (a stable sort; items without the member last) and cut to the limit.
    func apply(_ items: [JSONValue]) -> [JSONValue] {
        var items = items
        if let order {
            let keys = items.map { order.path.lookUp(in: $0) }.map { lookup -> JSONValue? in
                if case .found(let value) = lookup, value != .null { return value }
                return nil
            }
            let sorted = items.indices.sorted { left, right in
                switch (keys[left], keys[right]) {
                case (nil, nil): return left < right
                case (nil, _): return false
                case (_, nil): return true
                case (let a?, let b?):
                    let comparison = Self.compare(a, b)
                    if comparison == 0 { return left < right }
                    return order.descending ? comparison > 0 : comparison < 0
                }
            }
            items = sorted.map { items[$0] }
        }
        if let limit { items = Array(items.prefix(limit)) }
        return items
    }

    /// Numbers (and int64 strings, as proto3 JSON writes them) by value, other values by their text.
    private static func compare(_ a: JSONValue, _ b: JSONValue) -> Int {
        if let x = number(a), let y = number(b) { return x < y ? -1 : x > y ? 1 : 0 }
        let x = JSONText.scalar(a) ?? JSONRenderer.compact(a)
        let y = JSONText.scalar(b) ?? JSONRenderer.compact(b)
        return x < y ? -1 : x > y ? 1 : 0
    }

    private static func number(_ value: JSONValue) -> Double? {
        guard case .string = value else { return try? Double(protoJSON: value, path: "") }
        return (try? Double(protoJSON: value, path: "")).flatMap { $0.isFinite ? $0 : nil }
    }

    /// A list result (`{"datasets": [...]}`) with its items sorted and cut; other values as they are.
    func apply(toList value: JSONValue) -> JSONValue {
        guard !isEmpty, case .list(let key?, let items) = ResultShape(value), case .object(var object) = value else {
            return value
        }
        object[key] = .array(apply(items))
        return .object(object)
    }
}
