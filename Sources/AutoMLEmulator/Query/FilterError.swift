/// A filter the emulator cannot read. The server answers it with `INVALID_ARGUMENT` and ``message``.
///
/// The message quotes the whole filter, names the offending text and lists the fields the list supports.
struct FilterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The complete message, ready for an error response.
    var message: String

    /// `problem` about `filter` on `list`, with the list's supported fields appended.
    init(_ problem: String, filter: String, list: FilterableList) {
        self.init(problem, filter: filter, supported: list.supportedFieldsSummary)
    }

    /// `problem` about `filter` on the Vertex AI list `list`, with the list's supported fields appended.
    init(_ problem: String, filter: String, vertex list: VertexFilterableList) {
        self.init(problem, filter: filter, supported: list.supportedFieldsSummary)
    }

    private init(_ problem: String, filter: String, supported: String) {
        message = "invalid filter \(FilterValue.quoted(filter)): \(problem). \(supported)."
    }

    var description: String { message }
}
