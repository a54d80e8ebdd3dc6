/// A resource name of the AutoML API, such as `projects/p/locations/us-central1/models/ICN123`.
///
/// Every name type parses its text strictly (the same template the official clients check) and prints
/// back the same text, so a malformed name is rejected before any request is sent.
public protocol ResourceName: Sendable, Hashable, CustomStringConvertible, LosslessStringConvertible {
    /// The collection words of the template, such as `["projects", "locations", "models"]`.
    static var collections: [String] { get }
    /// A word for messages, such as `model`.
    static var kind: String { get }
    /// The IDs in template order.
    var segments: [String] { get }
    /// Builds the name from IDs in template order; the caller has validated them.
    init(validatedSegments: [String])
    /// The collections whose IDs may name a version, `ID@VERSION` (Vertex AI's `models/123@2`, `models/123@default`).
    static var versionedCollections: Set<String> { get }
}

extension ResourceName {
    /// No collection takes versions unless the name type says so.
    public static var versionedCollections: Set<String> { [] }

    /// Parses a full name, or throws ``ResourceNameError`` saying what is wrong with it.
    public init(parsing text: String) throws {
        self.init(validatedSegments: try parseResourceName(text, as: Self.self))
    }

    /// LosslessStringConvertible: nil for text that is not a name of this kind.
    public init?(_ description: String) {
        guard let segments = try? parseResourceName(description, as: Self.self) else { return nil }
        self.init(validatedSegments: segments)
    }

    /// The template, such as `projects/{project}/locations/{location}/models/{model}`.
    public static var template: String {
        collections.map { "\($0)/{\(singular($0))}" }.joined(separator: "/")
    }

    public var description: String {
        zip(Self.collections, segments).map { "\($0)/\($1)" }.joined(separator: "/")
    }

    /// The last segment: the ID of the resource.
    public var id: String { segments.last ?? "" }
}

/// A resource name that was not well formed, or an ID that cannot be part of one.
public struct ResourceNameError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text that was given.
    public var text: String
    /// The kind of name that was expected, such as `model`.
    public var kind: String
    /// What is wrong with the text.
    public var reason: String

    public var description: String {
        "\"\(text)\" is not a valid \(kind) name: \(reason)"
    }
}

/// Checks one ID: non-empty, no `/`, and only characters that need no escaping in a URL path.
func validateResourceID(_ id: String, field: String, kind: String, text: String) throws {
    if id.isEmpty {
        throw ResourceNameError(text: text, kind: kind, reason: "the \(field) is empty")
    }
    if id.allSatisfy({ $0 == "." }) {
        throw ResourceNameError(text: text, kind: kind, reason: "the \(field) \"\(id)\" is not an ID")
    }
    if let bad = id.unicodeScalars.first(where: { !isResourceIDScalar($0) }) {
        let shown =
            bad.properties.isWhitespace || bad.value < 0x20
            ? "U+\(String(bad.value, radix: 16, uppercase: true))" : "'\(bad)'"
        throw ResourceNameError(text: text, kind: kind, reason: "the \(field) contains \(shown)")
    }
}

private func isResourceIDScalar(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "~", ":": true
    default: false
    }
}

private func parseResourceName<Name: ResourceName>(_ text: String, as type: Name.Type) throws -> [String] {
    let collections = Name.collections
    let expected = "expected \(Name.template)"
    let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == collections.count * 2 else {
        throw ResourceNameError(text: text, kind: Name.kind, reason: expected)
    }
    var segments: [String] = []
    for (index, collection) in collections.enumerated() {
        guard parts[index * 2] == collection else {
            throw ResourceNameError(text: text, kind: Name.kind, reason: expected)
        }
        let id = parts[index * 2 + 1]
        let field = singular(collection)
        if Name.versionedCollections.contains(collection), let at = id.firstIndex(of: "@") {
            try validateResourceID(String(id[..<at]), field: field, kind: Name.kind, text: text)
            try validateResourceID(
                String(id[id.index(after: at)...]), field: "\(field) version", kind: Name.kind, text: text)
        } else {
            try validateResourceID(id, field: field, kind: Name.kind, text: text)
        }
        segments.append(id)
    }
    return segments
}

/// `projects` → `project`, `modelEvaluations` → `modelEvaluation`.
private func singular(_ collection: String) -> String {
    collection.hasSuffix("s") ? String(collection.dropLast()) : collection
}
