import AutoMLClient
import Foundation

extension ShellSession {
    /// Adds a dataset or model to the completion cache (after a create or a get).
    func remember(_ kind: ResourceKind, _ resource: BackendResource) {
        guard !resource.id.isEmpty else { return }
        cacheWarning(cache?.insert(kind, id: resource.id, displayName: resource.displayName))
    }

    func remember(_ operation: BackendOperation) {
        guard !operation.reference.isEmpty else { return }
        cacheWarning(cache?.insert(.operation, id: operation.reference, displayName: operation.kind ?? ""))
    }

    /// Adds `gs://` URIs the running command used, for Tab: `files` as they are, `folders` with a `/` at the end.
    func remember(storageFiles files: [String] = [], folders: [String] = []) {
        let uris = files + folders.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        for uri in uris where uri.hasPrefix("gs://") && uri.dropFirst(5).contains("/") {
            cacheWarning(cache?.insert(.storageURI, id: uri))
        }
    }

    /// Replaces the cached evaluations with one model's (what `evaluation get ⇥` then offers), each shown with its
    /// label, the overall one as `all labels`.
    func rememberAll(_ evaluations: BackendEvaluations) {
        let entries = evaluations.entries.map { ResourceEntry(id: $0.id, displayName: $0.label ?? "all labels") }
        store(.evaluation, entries, complete: true)
    }

    /// Drops a deleted resource from the cache at once.
    func forget(_ kind: ResourceKind, id: String) {
        cacheWarning(cache?.remove(kind, id: id))
    }

    /// A full listing replaces the kind; a filtered one only adds what it shows.
    func store(_ kind: ResourceKind, _ entries: [ResourceEntry], complete: Bool) {
        if complete {
            cacheWarning(cache?.replace(kind, with: entries, fetchedAt: Date()))
        } else {
            for entry in entries { cacheWarning(cache?.insert(kind, id: entry.id, displayName: entry.displayName)) }
        }
    }

    private func cacheWarning(_ warning: ResourceCacheWarning?) {
        if let warning { note("warning: \(warning)") }
    }
}
