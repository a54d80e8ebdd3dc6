public import AutoMLWire

/// The items of a List call across all its pages; each page is fetched when the reader gets to it.
///
/// The filter and page size are re-sent with each page token, as the official clients do. A server that
/// returns the same page token twice would loop forever; the sequence stops with an error instead.
public struct PagedSequence<Page: PagedResponse>: AsyncSequence, Sendable {
    public typealias Element = Page.Item
    let fetch: @Sendable (String?) async throws -> Page

    public init(fetch: @escaping @Sendable (_ pageToken: String?) async throws -> Page) {
        self.fetch = fetch
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(fetch: fetch)
    }

    /// Reads every item.
    public func collect() async throws -> [Element] {
        var items: [Element] = []
        for try await item in self { items.append(item) }
        return items
    }

    /// Reads the pages themselves, for callers that want page boundaries or the tokens.
    public var pages: AsyncThrowingStream<Page, any Error> {
        let fetch = fetch
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var token: String?
                    var seen: Set<String> = []
                    repeat {
                        let page = try await fetch(token)
                        continuation.yield(page)
                        token = try nextToken(of: page, seen: &seen)
                    } while token != nil
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Walks the pages one item at a time.
    public struct Iterator: AsyncIteratorProtocol {
        let fetch: @Sendable (String?) async throws -> Page
        private var buffer: [Element] = []
        private var index = 0
        private var token: String?
        private var finished = false
        private var seen: Set<String> = []

        init(fetch: @escaping @Sendable (String?) async throws -> Page) {
            self.fetch = fetch
        }

        public mutating func next() async throws -> Element? {
            while index >= buffer.count {
                if finished { return nil }
                let page = try await fetch(token)
                buffer = page.pageItems
                index = 0
                token = try nextToken(of: page, seen: &seen)
                finished = token == nil
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}

/// The token of the page after `page`, or nil on the last page; throws when the server repeats a token.
private func nextToken<Page: PagedResponse>(of page: Page, seen: inout Set<String>) throws -> String? {
    let token = page.nextPageToken
    if token.isEmpty { return nil }
    guard seen.insert(token).inserted else {
        throw TransportError(.malformedResponse, "the server returned the page token \"\(token)\" twice")
    }
    return token
}
