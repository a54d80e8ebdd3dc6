/// What a page token belongs to: a list, its parent and its filter. A token only continues the query it came from.
///
/// The page size is deliberately not part of the scope: clients may change `pageSize` between pages.
struct PageScope: Sendable, Hashable {
    /// The list method, e.g. `models`.
    var list: String
    /// The parent resource name the list was called on.
    var parent: String
    /// The filter, preferably in canonical form so spacing differences do not matter.
    var filter: String

    /// A scope of free-form parts.
    init(list: String, parent: String, filter: String = "") {
        self.list = list
        self.parent = parent
        self.filter = filter
    }

    /// The scope of a filtered list call of either API; the filter enters in its canonical form.
    init(parent: String, filter: ListFilter) {
        self.init(list: filter.scopeName, parent: parent, filter: filter.description)
    }

    /// The scope of a filtered AutoML v1 list call; the filter enters in its canonical form.
    init(parent: String, filter: FilterExpression) {
        self.init(parent: parent, filter: ListFilter.v1(filter))
    }

    /// The scope of a filtered Vertex AI list call; the filter enters in its canonical form.
    init(parent: String, filter: VertexFilterExpression) {
        self.init(parent: parent, filter: ListFilter.vertex(filter))
    }

    /// The FNV-1a hash of the parts, as 16 hex digits.
    var fingerprint: String {
        FNV1a64.hex([list, parent, filter].joined(separator: "\u{0}"))
    }
}
