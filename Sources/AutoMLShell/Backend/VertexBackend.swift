import AutoMLClient
import Foundation

/// The shell's calls on Vertex AI: Google's regional host, or a Vertex-compatible server such as the local backend's
/// Vertex AI surface. The mapping from the shell's commands is docs/vertex.md's table (also `help vertex`).
struct VertexBackend: ShellBackend {
    let client: VertexClient
    var api: ShellEndpoint.API { .vertex }

    /// Where the local server serves Vertex AI.
    static let localSurfacePath = "/vertex"
    /// The dataset label the shell keeps the classification type in (a Vertex AI dataset has none).
    static let kindLabel = "automl-shell-type"

    func collection(of kind: ResourceKind) -> String {
        switch kind {
        case .model: "models"
        case .operation: "operations"
        default: "datasets"
        }
    }

    func forEachPage(
        of kind: ResourceKind, in location: LocationName, filter: String?, _ body: ([JSONValue]) async throws -> Void
    ) async throws {
        var query = ShellFilter(filter)
        switch kind {
        case .operation:
            try await forEachOperationPage(in: location, query: query, body)
        case .model:
            let dataset = query.take("dataset_id")
            var trained: Set<String>?
            if let dataset { trained = try await modelIDs(trainedOn: dataset, in: location) }
            try await client.forEachPage(of: .models, in: location, filter: query.rest) { items in
                try await body(items.filter { item in trained.map { $0.contains(Self.id(of: item)) } ?? true })
            }
        default:
            try await client.forEachPage(of: .datasets, in: location, filter: query.rest, body)
        }
    }

    /// `operations`: the training pipelines, then the operations, with v1's `done` and `worksOn` terms applied here
    /// (Vertex AI's filter grammar for them is not documented). Any other filter is in the training pipelines' grammar
    /// (AIP-160: state, display_name, create_time, labels…), which operation lists do not take: with one, only the
    /// pipelines are listed.
    private func forEachOperationPage(
        in location: LocationName, query: ShellFilter, _ body: ([JSONValue]) async throws -> Void
    ) async throws {
        var query = query
        let done = query.take("done").map { $0 == "true" }
        let worksOn = query.take("worksOn").map { "/" + $0.split(separator: "/").suffix(2).joined(separator: "/") }
        func keep(_ item: JSONValue) -> Bool {
            let operation = Self.operation(item, in: location)
            if let done, operation.done != done { return false }
            guard let worksOn else { return true }
            return Self.concerns(item, worksOn)
        }
        try await client.forEachPage(of: .trainingPipelines, in: location, filter: query.rest) {
            try await body($0.filter(keep))
        }
        guard query.rest == nil else { return }
        try await client.forEachPage(of: .operations, in: location) {
            try await body($0.filter(keep))
        }
    }

    /// Whether a pipeline or operation works on `/datasets/D` or `/models/M`: named under it, training on or making
    /// it, or a deploy of it once done (its response names the model; a running deploy names only its endpoint).
    private static func concerns(_ item: JSONValue, _ target: String) -> Bool {
        let name = item["name"]?.stringValue ?? ""
        if name.contains(target + "/") { return true }
        func model(_ name: String?) -> String? { name.flatMap(VertexModelName.init).map { "/models/" + $0.modelID } }
        let dataset = item["inputDataConfig"]?["datasetId"]?.stringValue.map { "/datasets/" + $0 }
        let made = model(item["modelToUpload"]?["name"]?.stringValue)
        let deployed = model(item["response"]?["deployedModel"]?["model"]?.stringValue)
        return dataset == target || made == target || deployed == target
    }

    func entry(listed item: JSONValue, kind: ResourceKind) -> ResourceEntry? {
        guard let name = item["name"]?.stringValue, !name.isEmpty else { return nil }
        guard kind == .operation else {
            return ResourceEntry(id: Self.id(of: item), displayName: item["displayName"]?.stringValue ?? "")
        }
        let operation = Self.operation(item, in: nil)
        return ResourceEntry(id: operation.reference, displayName: operation.kind ?? "")
    }

    func entries(of kind: ResourceKind, in location: LocationName) async throws -> [ResourceEntry] {
        guard [.dataset, .model, .operation].contains(kind) else { return [] }
        var entries: [ResourceEntry] = []
        try await forEachPage(of: kind, in: location, filter: nil) { items in
            entries += items.compactMap { entry(listed: $0, kind: kind) }
        }
        return entries
    }

    func modelsFilter(dataset: DatasetName) -> String { "dataset_id=\(dataset.dataset)" }

    /// The models the training pipelines of a dataset made.
    private func modelIDs(trainedOn dataset: String, in location: LocationName) async throws -> Set<String> {
        var ids: Set<String> = []
        try await client.forEachPage(of: .trainingPipelines, in: location) { items in
            for item in items where item["inputDataConfig"]?["datasetId"]?.stringValue == dataset {
                if let model = item["modelToUpload"]?["name"]?.stringValue, let id = model.split(separator: "/").last {
                    ids.insert(String(id))
                }
            }
        }
        return ids
    }

    static func id(of item: JSONValue) -> String {
        (item["name"]?.stringValue ?? "").split(separator: "/").last.map(String.init) ?? ""
    }

    // MARK: Names

    func vertex(_ name: DatasetName) throws -> VertexDatasetName { try VertexDatasetName(parsing: name.description) }
    func vertex(_ name: ModelName) throws -> VertexModelName { try VertexModelName(parsing: name.description) }

    /// The path below the location: `projects/1/locations/l/datasets/2/operations/3` → `datasets/2/operations/3`;
    /// empty for a name that is not below a location.
    static func belowLocation(_ name: String) -> String {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[0] == "projects", parts[2] == "locations" else { return "" }
        return parts.dropFirst(4).joined(separator: "/")
    }
}

/// A list filter split into the `KEY=VALUE` terms the shell applies itself and the rest, sent to the server.
struct ShellFilter {
    private var terms: [String]

    init(_ filter: String?) {
        terms = filter.map { $0.components(separatedBy: " AND ") } ?? []
    }

    /// Removes a `KEY=VALUE` term and returns its value.
    mutating func take(_ key: String) -> String? {
        guard let index = terms.firstIndex(where: { $0.hasPrefix(key + "=") }) else { return nil }
        return String(terms.remove(at: index).dropFirst(key.count + 1))
    }

    var rest: String? { terms.isEmpty ? nil : terms.joined(separator: " AND ") }
}
