/// A JSON document that does not fit the proto3 JSON mapping of the message it was read as.
///
/// The path names the field from the top of the document (`response.imageClassificationModelMetadata.nodeCount`),
/// so a user sees which part of a server's answer was wrong.
public struct ProtoJSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where in the document the problem is; empty for the document itself.
    public var path: String
    /// What is wrong there.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        path.isEmpty ? reason : "\(path): \(reason)"
    }

    static func mismatch(_ expected: String, _ value: JSONValue, at path: String) -> ProtoJSONError {
        ProtoJSONError(path: path, reason: "expected \(expected), found \(value.kindName)")
    }
}

/// Joins a field name onto a path for error messages.
func protoPath(_ base: String, _ field: String) -> String {
    base.isEmpty ? field : "\(base).\(field)"
}
