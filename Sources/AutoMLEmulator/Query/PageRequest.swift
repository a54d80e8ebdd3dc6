/// The paging part of a list call: how many items to return and where to resume.
///
/// Page sizes follow the documented int32 `pageSize`: absent or 0 means ``defaultPageSize``, anything above
/// ``maximumPageSize`` is clamped to it, and a negative size is an error.
struct PageRequest: Sendable, Hashable {
    /// The page size used when the request names none (the real default is unpublished).
    static let defaultPageSize = 50
    /// The largest page the emulator returns.
    static let maximumPageSize = 1000

    /// The number of items to return at most.
    var pageSize: Int
    /// The sort key after which this page starts; nil for the first page.
    var startAfter: String?
    /// The query the page belongs to, which the next token is bound to.
    var scope: PageScope

    /// Reads the `pageSize` and `pageToken` of a list call on `scope`.
    init(pageSize: Int?, pageToken: String?, scope: PageScope) throws(PagingError) {
        self.pageSize = try Self.resolvedPageSize(pageSize)
        self.scope = scope
        if let pageToken, !pageToken.isEmpty {
            startAfter = try PageToken(decoding: pageToken, scope: scope).lastKey
        } else {
            startAfter = nil
        }
    }

    /// Reads `pageSize` and `pageToken` as they come in a query string; `pageSize` must then be an int32.
    init(pageSizeText: String?, pageToken: String?, scope: PageScope) throws(PagingError) {
        try self.init(pageSize: try Self.pageSize(fromQuery: pageSizeText), pageToken: pageToken, scope: scope)
    }

    /// The size a request gets: the default for nil or 0, at most the maximum; negative sizes are refused.
    static func resolvedPageSize(_ requested: Int?) throws(PagingError) -> Int {
        guard let requested, requested != 0 else { return defaultPageSize }
        guard requested > 0 else { throw .negativePageSize(requested) }
        return min(requested, maximumPageSize)
    }

    /// The `pageSize` query parameter as a number; nil or empty text is no size.
    static func pageSize(fromQuery text: String?) throws(PagingError) -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = Int32(text) else { throw .malformedPageSize(text) }
        return Int(value)
    }

    /// The token that continues this query after the item with sort key `lastKey`.
    func nextPageToken(after lastKey: String) -> String {
        PageToken(lastKey: lastKey, scope: scope).encoded
    }

    /// This request's page of `items`, in ascending order of `sortKey`, which must be unique per item.
    ///
    /// Items need not come sorted. The next page token is set only when more items follow, so the last page has none.
    func page<Item>(of items: some Sequence<Item>, sortKey: (Item) -> String) -> Page<Item> {
        var keyed = items.map { (key: sortKey($0), item: $0) }
        if let startAfter { keyed.removeAll { $0.key <= startAfter } }
        keyed.sort { $0.key < $1.key }
        guard keyed.count > pageSize else { return Page(items: keyed.map(\.item), nextPageToken: nil) }
        let shown = keyed.prefix(pageSize)
        let token = shown.last.map { nextPageToken(after: $0.key) }
        return Page(items: shown.map(\.item), nextPageToken: token)
    }
}

/// One page of a list response.
struct Page<Item> {
    /// The items of this page.
    var items: [Item]
    /// The token of the next page, nil on the last page (the response then omits `nextPageToken`).
    var nextPageToken: String?
}

extension Page: Sendable where Item: Sendable {}
extension Page: Equatable where Item: Equatable {}
