public import AutoMLWire
import Foundation

/// The resources of a List call as parsed JSON, page by page: for callers that print or forward them and need
/// no typed message (the shell's `models`, `datasets` and `operations`), which saves reading every field into a
/// message and writing it back out.
public enum JSONListing: Sendable {
    case datasets
    case models
    case operations

    /// The member of the List response that holds the items.
    public var collection: String {
        switch self {
        case .datasets: "datasets"
        case .models: "model"
        case .operations: "operations"
        }
    }

    /// The path under the location.
    var path: String {
        switch self {
        case .datasets: "datasets"
        case .models: "models"
        case .operations: "operations"
        }
    }
}

extension AutoMLClient {
    /// Lists `listing` in `parent` and hands each page's items, as parsed JSON, to `body` in order; the next page
    /// is requested while `body` handles the current one (one page ahead, never more). The filter and page size go
    /// with every page, as in the typed listings.
    ///
    /// - Returns: How many items there were.
    @discardableResult
    public func forEachPage(
        of listing: JSONListing, in parent: LocationName, filter: String? = nil, pageSize: Int? = nil,
        options: CallOptions = .init(), _ body: ([JSONValue]) async throws -> Void
    ) async throws -> Int {
        try await forEachPage(
            path: "\(parent)/\(listing.path)", collection: listing.collection, parent: parent, filter: filter,
            pageSize: pageSize, routingKey: listing == .operations ? "name" : "parent", options: options, body)
    }

    /// Lists the collection at `path` page by page as parsed JSON (see ``forEachPage(of:in:filter:pageSize:options:_:)``).
    func forEachPage(
        path: String, collection: String, parent: some CustomStringConvertible & Sendable, filter: String?,
        pageSize: Int?, routingKey: String, options: CallOptions, _ body: ([JSONValue]) async throws -> Void
    ) async throws -> Int {
        let fetch: @Sendable (String?) async throws -> (items: [JSONValue], next: String) = { token in
            let call = self.list(
                path, parent: parent, filter: filter, pageSize: pageSize, pageToken: token, routingKey: routingKey)
            return try await self.jsonPage(call, collection: collection, options: options)
        }
        var pending = Task { try await fetch(nil) }
        var seen: Set<String> = []
        var count = 0
        while true {
            // The page is fetched in a task of its own (the next one while this one is read): cancelling the caller
            // cancels it too.
            let current = pending
            let page = try await withTaskCancellationHandler {
                try await current.value
            } onCancel: {
                current.cancel()
            }
            let next = page.next.isEmpty ? nil : page.next
            if let next {
                guard seen.insert(next).inserted else {
                    throw TransportError(.malformedResponse, "the server returned the page token \(next) twice")
                }
                pending = Task { try await fetch(next) }
            }
            do {
                try await body(page.items)
            } catch {
                pending.cancel()
                throw error
            }
            count += page.items.count
            guard next != nil else { return count }
        }
    }

    /// One page of a List call: the items of `collection` and the next page token.
    private func jsonPage(_ call: RESTCall, collection: String, options: CallOptions) async throws
        -> (items: [JSONValue], next: String)
    {
        let response = try await send(call, options: options)
        let page: JSONValue
        do {
            page = try JSONValue(parsing: response.body)
        } catch {
            throw TransportError(
                .malformedResponse,
                "the answer to \(call.method) \(redactedURL(url(for: call))) is not JSON: \(error)")
        }
        guard case .object(let members) = page else {
            throw TransportError(
                .malformedResponse, "the answer to \(call.method) \(redactedURL(url(for: call))) is not an object")
        }
        var items: [JSONValue] = []
        if case .array(let array)? = members[collection] { items = array }
        return (items, members["nextPageToken"]?.stringValue ?? "")
    }
}
