import GRDB

/// How a List call reads the store: in creation order (`seq`), after the last item of the previous page, only as
/// far as the page needs, the filter applied as rows are read. Each page of a long list costs what it shows, not
/// the whole table.
struct PageRead<Item: Sendable>: Sendable {
    /// Resume after this creation sequence number; nil for the first page.
    var afterSeq: Int64?
    /// How many matching items to return at most (one more than the page, to know whether another follows).
    var limit: Int
    /// The filter.
    var accept: @Sendable (Item) -> Bool
}

extension EmulatorStore {
    /// The rows of `sql` (which ends in `seq > ? ORDER BY seq`, the `?` last among its arguments), read one at a time
    /// until `page.limit` of them are accepted.
    func pageRows<Item: Sendable>(
        _ sql: String, arguments: StatementArguments, page: PageRead<Item>,
        decode: @Sendable @escaping (Row) throws -> Item
    ) async throws -> [Item] {
        let bound = arguments + [page.afterSeq ?? Int64.min]
        return try await read { db in
            var items: [Item] = []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: bound)
            while items.count < page.limit, let row = try rows.next() {
                let item = try decode(row)
                if page.accept(item) { items.append(item) }
            }
            return items
        }
    }
}
