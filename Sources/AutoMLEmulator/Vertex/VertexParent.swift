import AutoMLWire

/// A project and location as Vertex AI names them: requests may use the project ID or its number; the stored rows
/// use the ID (``Parent``), and every returned name uses the number, as Google's service does.
struct VertexParent: Sendable, Hashable, CustomStringConvertible {
    var parent: Parent
    /// The project's number, issued by this backend the first time the project is used on the Vertex AI surface.
    var number: String

    /// `projects/NUMBER/locations/LOCATION`.
    var description: String { "projects/\(number)/locations/\(parent.location)" }

    /// The full name of a resource of this location, such as `projects/N/locations/L/datasets/123`.
    func name(_ collection: String, _ id: String) -> String { "\(self)/\(collection)/\(id)" }
}
