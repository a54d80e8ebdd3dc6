/// What `session.json` holds: the defaults every run starts from (endpoint, project, location, format), and the
/// current dataset, model and operation of each scope (endpoint, project, location) a saving run has worked in.
///
/// Keeping the resources per scope is what lets flags stay out of the file: `automl --project other use dataset
/// flowers` saves flowers as the current dataset *of project other* and leaves the default project, and its
/// dataset, as they were; the next run in project other (by flag, variable or `use project`) finds flowers again.
package struct SavedSession: Sendable, Hashable {
    /// The endpoint; nil is the local server.
    package var endpoint: String?
    package var project: String?
    package var location: String
    package var format: OutputFormat
    /// The bucket the shell stages files in (`set bucket`).
    package var bucket: String?
    /// The current resources of each scope, the most recently changed first; at most ``maxPlaces``.
    package var places: [Place]

    /// The current resources of one scope.
    package struct Place: Sendable, Hashable {
        package var scope: ResourceScope
        package var dataset: String?
        package var model: String?
        package var operation: String?

        package init(scope: ResourceScope, dataset: String? = nil, model: String? = nil, operation: String? = nil) {
            self.scope = scope
            self.dataset = dataset
            self.model = model
            self.operation = operation
        }

        var isEmpty: Bool { dataset == nil && model == nil && operation == nil }
    }

    /// How many scopes keep their resources; the least recently changed are dropped first.
    static let maxPlaces = 32

    package init(
        endpoint: String? = nil, project: String? = nil, location: String = "us-central1",
        format: OutputFormat = .json, places: [Place] = []
    ) {
        self.endpoint = endpoint
        self.project = project
        self.location = location
        self.format = format
        self.places = places
    }

    /// A saved session whose defaults are the context's, and its resources those of the context's scope.
    package init(context: SessionContext) {
        self.init(
            endpoint: context.endpoint, project: context.project, location: context.location,
            format: context.format)
        updatePlace(ResourceScope(context: context)) { place in
            (place.dataset, place.model, place.operation) = (context.dataset, context.model, context.operation)
        }
    }

    /// The defaults as a context, with the resources saved for their scope.
    package var context: SessionContext {
        var context = SessionContext(endpoint: endpoint, project: project, location: location, format: format)
        context.bucket = bucket
        fillResources(of: &context)
        return context
    }

    /// The resources saved for `scope`; nil when none are.
    package func place(for scope: ResourceScope) -> Place? {
        places.first { $0.scope == scope }
    }

    /// Sets the context's dataset, model and operation to those saved for its scope (none when nothing is saved).
    package func fillResources(of context: inout SessionContext) {
        let place = place(for: ResourceScope(context: context))
        context.dataset = place?.dataset
        context.model = place?.model
        context.operation = place?.operation
    }

    /// Changes the resources of `scope` and makes it the most recent; an empty place is dropped.
    mutating func updatePlace(_ scope: ResourceScope, _ change: (inout Place) -> Void) {
        var place = self.place(for: scope) ?? Place(scope: scope)
        change(&place)
        places.removeAll { $0.scope == scope }
        if !place.isEmpty { places.insert(place, at: 0) }
        if places.count > Self.maxPlaces { places.removeLast(places.count - Self.maxPlaces) }
    }
}
