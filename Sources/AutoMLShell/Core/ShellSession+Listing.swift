import AutoMLClient
import Foundation

extension ShellSession {
    /// Lists `listing` and prints it page by page as the pages arrive (the next one is requested while this one
    /// prints), from the parsed JSON: nothing is read into typed messages. A table is printed once every row is in.
    /// The whole list becomes `$last`, and its IDs and display names go to the completion cache (replacing the
    /// kind's entries when `complete`).
    func emitListing(_ kind: ResourceKind, filter: String?, complete: Bool, list: ListOptions = ListOptions())
        async throws
    {
        let backend = try await backend()
        let collection = backend.collection(of: kind)
        var renderer = ListingRenderer(format: context.format, collection: collection, colors: output.colors)
        // Sorted or cut, or for the pager, the list is printed once every page is in.
        let streams = renderer.streams && list.isEmpty && !pages
        var all: [JSONValue] = []
        try await backend.forEachPage(of: kind, in: try location(), filter: filter) { items in
            all += items
            if streams, let text = renderer.pageText(items), !text.isEmpty { output.standardOutput(text) }
        }
        let complete = complete && list.limit == nil
        all = list.apply(all)
        let result: JSONValue = all.isEmpty ? .object([:]) : .object([collection: .array(all)])
        if streams {
            output.standardOutput(renderer.endText())
            lastResult = result
        } else {
            emit(result)
        }
        store(kind, all.compactMap { backend.entry(listed: $0, kind: kind) }, complete: complete)
    }

    /// Every item of a listing, without printing it; its IDs and display names go to the completion cache (replacing
    /// the kind's entries when `complete`).
    func listAll(_ kind: ResourceKind, filter: String?, complete: Bool) async throws -> [JSONValue] {
        let backend = try await backend()
        var all: [JSONValue] = []
        try await backend.forEachPage(of: kind, in: try location(), filter: filter) { all += $0 }
        store(kind, all.compactMap { backend.entry(listed: $0, kind: kind) }, complete: complete)
        return all
    }
}
