import Testing

@testable import AutoMLEmulator

/// Page sizes follow the documented rules, and paging by last key walks a changing list without gaps.
@Suite struct PageRequestTests {
    private let scope = PageScope(list: "datasets", parent: "projects/p/locations/us-central1")

    @Test func pageSizeDefaultsAndClamps() throws {
        #expect(try PageRequest.resolvedPageSize(nil) == 50)
        #expect(try PageRequest.resolvedPageSize(0) == 50)
        #expect(try PageRequest.resolvedPageSize(1) == 1)
        #expect(try PageRequest.resolvedPageSize(1000) == 1000)
        #expect(try PageRequest.resolvedPageSize(1001) == 1000)
        #expect(try PageRequest.resolvedPageSize(Int(Int32.max)) == 1000)
    }

    @Test func negativePageSizeIsAnError() {
        let error = #expect(throws: PagingError.self) { try PageRequest.resolvedPageSize(-1) }
        #expect(error?.message == "pageSize must not be negative, got -1")
        #expect(throws: PagingError.self) { try PageRequest(pageSize: -5, pageToken: nil, scope: scope) }
    }

    @Test func pageSizeFromQueryText() throws {
        #expect(try PageRequest.pageSize(fromQuery: nil) == nil)
        #expect(try PageRequest.pageSize(fromQuery: "") == nil)
        #expect(try PageRequest.pageSize(fromQuery: "20") == 20)
        #expect(try PageRequest(pageSizeText: "5000", pageToken: nil, scope: scope).pageSize == 1000)
        for bad in ["abc", "1.5", "99999999999", " 5"] {
            #expect(throws: PagingError.malformedPageSize(bad)) { try PageRequest.pageSize(fromQuery: bad) }
        }
    }

    @Test func firstPageHasNoStart() throws {
        #expect(try PageRequest(pageSize: nil, pageToken: nil, scope: scope).startAfter == nil)
        #expect(try PageRequest(pageSize: nil, pageToken: "", scope: scope).startAfter == nil)
    }

    @Test func walksAllItemsInKeyOrder() throws {
        let items = (1...7).map { "item\($0)" }.shuffled()
        var request = try PageRequest(pageSize: 3, pageToken: nil, scope: scope)
        var seen: [String] = []
        var pages = 0
        while true {
            let page = request.page(of: items) { $0 }
            seen += page.items
            pages += 1
            guard let token = page.nextPageToken else { break }
            request = try PageRequest(pageSize: 3, pageToken: token, scope: scope)
        }
        #expect(seen == (1...7).map { "item\($0)" })
        #expect(pages == 3)
    }

    @Test func exactMultipleEndsWithoutAnEmptyPage() throws {
        let request = try PageRequest(pageSize: 2, pageToken: nil, scope: scope)
        let first = request.page(of: ["a", "b", "c", "d"]) { $0 }
        let next = try PageRequest(pageSize: 2, pageToken: first.nextPageToken, scope: scope)
        let second = next.page(of: ["a", "b", "c", "d"]) { $0 }
        #expect(second.items == ["c", "d"])
        #expect(second.nextPageToken == nil)
        #expect(request.page(of: [String]()) { $0 } == Page(items: [], nextPageToken: nil))
    }

    @Test func deletesBetweenPagesSkipNothing() throws {
        var items = ["a", "b", "c", "d", "e"]
        let first = try PageRequest(pageSize: 2, pageToken: nil, scope: scope).page(of: items) { $0 }
        #expect(first.items == ["a", "b"])
        items.removeAll { $0 == "a" || $0 == "b" }
        let second = try PageRequest(pageSize: 2, pageToken: first.nextPageToken, scope: scope).page(of: items) { $0 }
        #expect(second.items == ["c", "d"], "an offset-based token would have skipped c and d")
    }

    @Test func pageSizeMayChangeBetweenPages() throws {
        let items = (0..<10).map { String($0) }
        let first = try PageRequest(pageSize: 2, pageToken: nil, scope: scope).page(of: items) { $0 }
        let second = try PageRequest(pageSize: 5, pageToken: first.nextPageToken, scope: scope).page(of: items) { $0 }
        #expect(second.items == ["2", "3", "4", "5", "6"])
    }

    @Test func tokenForAnotherScopeIsRefused() throws {
        let first = try PageRequest(pageSize: 1, pageToken: nil, scope: scope).page(of: ["a", "b"]) { $0 }
        let other = PageScope(list: "models", parent: scope.parent)
        #expect(throws: PagingError.invalidPageToken) {
            try PageRequest(pageSize: 1, pageToken: first.nextPageToken, scope: other)
        }
    }
}
