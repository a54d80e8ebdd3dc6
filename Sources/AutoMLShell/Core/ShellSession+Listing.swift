import AutoMLClient
import Foundation

extension ShellSession {
    /// Lists `listing` and prints it page by page as the pages arrive (the next one is requested while this one
    /// prints), from the parsed JSON: nothing is read into typed messages. A table is printed once every row is in.
    /// The whole list becomes `$last`, and its IDs and display names go to the completion cache (replacing the
    /// kind's entries when `complete`).
    func emitListing(_ listing: JSONListing, filter: String?, remembering kind: ResourceKind, complete: Bool)
        async throws
    {
        let client = try await client()
        var renderer = ListingRenderer(
            format: context.format, collection: listing.collection, colors: output.colors)
        var all: [JSONValue] = []
        try await client.forEachPage(of: listing, in: try location(), filter: filter) { items in
            all += items
            if let text = renderer.pageText(items), !text.isEmpty { output.standardOutput(text) }
        }
        let result: JSONValue = all.isEmpty ? .object([:]) : .object([listing.collection: .array(all)])
        if renderer.streams {
            output.standardOutput(renderer.endText())
            lastResult = result
        } else {
            emit(result)
        }
        rememberListing(all, kind: kind, complete: complete)
    }

    /// The IDs and display names of listed resources (operations by their kind), for Tab completion.
    private func rememberListing(_ items: [JSONValue], kind: ResourceKind, complete: Bool) {
        let entries = items.compactMap { item -> ResourceEntry? in
            guard let name = item["name"]?.stringValue, let id = name.split(separator: "/").last else { return nil }
            let display: String
            if kind == .operation {
                // The details member names the kind (`createModelDetails`), as `OperationMetadata.kind` reads it.
                let details = item["metadata"]?.objectValue?.keys.first { $0.hasSuffix("Details") }
                display = details.map { String($0.dropLast("Details".count)) } ?? ""
            } else {
                display = item["displayName"]?.stringValue ?? ""
            }
            return ResourceEntry(id: String(id), displayName: display)
        }
        store(kind, entries, complete: complete)
    }
}
