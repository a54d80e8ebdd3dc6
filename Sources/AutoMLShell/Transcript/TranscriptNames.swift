/// What a transcript writes for each resource ID it meets, so that it replays on a backend where IDs differ:
/// - an ID made during the recording: the variable bound where it was made (`$dataset_flowers`);
/// - an ID that existed before: the display name where that is unique among the datasets or the models
///   (commands take display names), otherwise the ID as it is, with a comment saying why.
/// Pure: the recorder feeds it the bindings and what the shell knows of the resources.
struct TranscriptNames {
    /// How an ID is written.
    enum Replacement: Hashable {
        /// `$name` (a variable bound during the recording).
        case variable(String)
        /// The display name, which the command resolves again on the other backend.
        case displayName(String)
        /// The ID as it is; the comment says why it may not replay.
        case literal(comment: String)
    }

    /// IDs made during the recording, by the variable they are bound to now.
    private var made: [String: String] = [:]
    /// Variables bound during the recording, and the ID each holds.
    private(set) var variables: [String: String] = [:]
    /// IDs made during the recording whose variable was bound again since, by that variable.
    private var rebound: [String: String] = [:]
    /// What the shell knows of datasets and models that existed: ID to display name, and how many of the kind have
    /// each display name.
    private var displayNames: [String: String] = [:]
    private var nameCounts: [String: Int] = [:]
    /// Other IDs known to the shell (operations, evaluations), by kind, for the comment.
    private var otherIDs: [String: ResourceKind] = [:]

    init() {}

    /// Takes what the shell knows of existing resources: datasets and models with display names, operations and
    /// evaluations by ID.
    init(catalog: ResourceCatalog) {
        for kind in [ResourceKind.dataset, .model] {
            for entry in catalog.entries(kind) {
                displayNames[entry.id] = entry.displayName
                nameCounts[Self.key(kind, entry.displayName), default: 0] += 1
                otherIDs[entry.id] = kind
            }
        }
        for kind in [ResourceKind.operation, .evaluation] {
            for entry in catalog.entries(kind) { otherIDs[entry.id] = kind }
        }
    }

    /// Records a binding made during the recording.
    mutating func bind(_ variable: String, to id: String) {
        if let previous = variables[variable], previous != id {
            made[previous] = nil
            rebound[previous] = variable
        }
        variables[variable] = id
        made[id] = variable
        rebound[id] = nil
    }

    /// Whether `variable` was bound during the recording, so a reference to it replays.
    func isBound(_ variable: String) -> Bool {
        variables[variable] != nil
    }

    /// What to write for `id`; nil when it is not an ID the shell knows (written as it is, without comment).
    func replacement(for id: String) -> Replacement? {
        if let variable = made[id] { return .variable(variable) }
        if let variable = rebound[id] {
            return .literal(
                comment: "\(id) was made in this recording as $\(variable), which a later command set again")
        }
        guard let kind = otherIDs[id] else { return nil }
        if let name = displayNames[id], !name.isEmpty, nameCounts[Self.key(kind, name)] == 1 {
            return .displayName(name)
        }
        switch kind {
        case .dataset, .model:
            return .literal(comment: "\(id) existed before the recording and has no unique display name")
        default:
            return .literal(comment: "\(id) existed before the recording (\(kind.rawValue)s have no display name)")
        }
    }

    private static func key(_ kind: ResourceKind, _ name: String) -> String {
        kind.rawValue + "/" + name
    }
}
