import AutoMLClient

/// Whether a result is a list of resources or one thing: what the table and value formats print rows of.
enum ResultShape: Sendable, Hashable {
    /// A bare array, or a List response: an object whose one array member holds the items, beside nothing but
    /// paging members (`{"model": [...], "nextPageToken": "…"}`). `key` is that member's name.
    case list(key: String?, items: [JSONValue])
    /// Any other object.
    case object(JSONObject)
    /// A string, number, boolean or null.
    case scalar(JSONValue)

    /// The members a List response may carry beside its items.
    static let pagingMembers: Set<String> = ["nextPageToken", "totalSize", "unreachable"]

    init(_ value: JSONValue) {
        switch value {
        case .array(let items):
            self = .list(key: nil, items: items)
        case .object(let object):
            let arrays = object.filter { $0.value.arrayValue != nil }
            if arrays.count == 1, let (key, member) = arrays.first, let items = member.arrayValue,
                items.allSatisfy({ $0.objectValue != nil }),
                object.keys.allSatisfy({ $0 == key || Self.pagingMembers.contains($0) })
            {
                self = .list(key: key, items: items)
            } else {
                self = .object(object)
            }
        default:
            self = .scalar(value)
        }
    }

    /// The rows: the items of a list, or the one object or scalar.
    var rows: [JSONValue] {
        switch self {
        case .list(_, let items): items
        case .object(let object): [.object(object)]
        case .scalar(let value): [value]
        }
    }
}
