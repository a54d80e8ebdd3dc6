/// The parsed `filter` of a list call, in the grammar of the API the list belongs to.
///
/// AutoML v1 lists take the AND-only grammar of ``FilterExpression`` and their items are ``FilterSubject``s; Vertex AI
/// lists take the AIP-160 grammar of ``VertexFilterExpression`` and their items are ``VertexFilterSubject``s. A list
/// only ever evaluates its own grammar on its own items; evaluating one API's filter on the other's item is a
/// programming error, which asserts in debug builds and otherwise matches only when the filter is empty.
enum ListFilter: Sendable, Hashable, CustomStringConvertible {
    /// A filter of an AutoML v1 list.
    case v1(FilterExpression)
    /// A filter of a Vertex AI list.
    case vertex(VertexFilterExpression)

    /// The list's name in page-token scopes.
    var scopeName: String {
        switch self {
        case .v1(let filter): filter.list.rawValue
        case .vertex(let filter): filter.list.scopeName
        }
    }

    /// Whether the filter matches everything.
    var isEmpty: Bool {
        switch self {
        case .v1(let filter): filter.isEmpty
        case .vertex(let filter): filter.isEmpty
        }
    }

    /// The filter in its grammar's canonical form, so that two spellings of one filter scope the same page tokens.
    var description: String {
        switch self {
        case .v1(let filter): filter.description
        case .vertex(let filter): filter.description
        }
    }

    /// Whether the AutoML v1 item `subject` passes the filter.
    func matches(_ subject: some FilterSubject) -> Bool {
        switch self {
        case .v1(let filter):
            return filter.matches(subject)
        case .vertex(let filter):
            assert(filter.isEmpty, "a Vertex AI filter is evaluated on an AutoML v1 item")
            return filter.isEmpty
        }
    }

    /// Whether the Vertex AI item `subject` passes the filter.
    func matches(_ subject: some VertexFilterSubject) -> Bool {
        switch self {
        case .v1(let filter):
            assert(filter.isEmpty, "an AutoML v1 filter is evaluated on a Vertex AI item")
            return filter.isEmpty
        case .vertex(let filter):
            return filter.matches(subject)
        }
    }
}
