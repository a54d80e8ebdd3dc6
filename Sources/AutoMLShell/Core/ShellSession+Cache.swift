import AutoMLClient
import Foundation

extension ShellSession {
    /// Adds a dataset to the completion cache (after a create or a get).
    func remember(_ dataset: Dataset) {
        guard let id = dataset.datasetName?.dataset else { return }
        cacheWarning(cache?.insert(.dataset, id: id, displayName: dataset.displayName))
    }

    func remember(_ model: Model) {
        guard let id = model.modelName?.model else { return }
        cacheWarning(cache?.insert(.model, id: id, displayName: model.displayName))
    }

    func remember(_ operation: LongRunningOperation) {
        guard let id = operation.operationName?.operation else { return }
        cacheWarning(cache?.insert(.operation, id: id, displayName: operation.automlMetadata?.kind ?? ""))
    }

    /// Adds `gs://` URIs the running command used, for Tab: `files` as they are, `folders` with a `/` at the end.
    func remember(storageFiles files: [String] = [], folders: [String] = []) {
        let uris = files + folders.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        for uri in uris where uri.hasPrefix("gs://") && uri.dropFirst(5).contains("/") {
            cacheWarning(cache?.insert(.storageURI, id: uri))
        }
    }

    /// Replaces the cached datasets with a full listing.
    func rememberAll(_ datasets: [Dataset], complete: Bool = true) {
        let entries = datasets.compactMap { dataset in
            dataset.datasetName.map { ResourceEntry(id: $0.dataset, displayName: dataset.displayName) }
        }
        store(.dataset, entries, complete: complete)
    }

    func rememberAll(_ models: [Model], complete: Bool = true) {
        let entries = models.compactMap { model in
            model.modelName.map { ResourceEntry(id: $0.model, displayName: model.displayName) }
        }
        store(.model, entries, complete: complete)
    }

    func rememberAll(_ operations: [LongRunningOperation], complete: Bool = true) {
        let entries = operations.compactMap { operation in
            operation.operationName.map {
                ResourceEntry(id: $0.operation, displayName: operation.automlMetadata?.kind ?? "")
            }
        }
        store(.operation, entries, complete: complete)
    }

    /// Replaces the cached evaluations with one model's (what `evaluation get ⇥` then offers), each shown with its
    /// label, the overall one as `all labels`.
    func rememberAll(_ evaluations: [ModelEvaluation]) {
        let entries = evaluations.compactMap { evaluation -> ResourceEntry? in
            guard let id = evaluation.name.split(separator: "/").last, !id.isEmpty else { return nil }
            let label = evaluation.annotationSpecId.isEmpty ? "all labels" : evaluation.displayName
            return ResourceEntry(id: String(id), displayName: label)
        }
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
