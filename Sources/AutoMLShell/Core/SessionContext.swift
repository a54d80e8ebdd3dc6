/// What the shell remembers between commands and sessions: where it talks to and the current resources.
package struct SessionContext: Sendable, Hashable, Codable {
    /// The API endpoint; nil means the local server.
    package var endpoint: String?
    package var project: String?
    package var location: String
    /// The current dataset's ID.
    package var dataset: String?
    /// The current model's ID.
    package var model: String?
    /// The last operation started (or chosen with `use operation`), by ID.
    package var operation: String?
    package var format: OutputFormat
    /// The Cloud Storage bucket the shell stages files in (uploads of local images, the exports `labels` reads);
    /// nil means the local backend's `automl-shell` bucket, and none on other endpoints.
    package var bucket: String?
    /// Whether a failing command stops a non-interactive run.
    package var continueOnError: Bool

    package init(
        endpoint: String? = nil, project: String? = nil, location: String = "us-central1",
        dataset: String? = nil, model: String? = nil, operation: String? = nil,
        format: OutputFormat = .json, continueOnError: Bool = false
    ) {
        self.endpoint = endpoint
        self.project = project
        self.location = location
        self.dataset = dataset
        self.model = model
        self.operation = operation
        self.format = format
        self.continueOnError = continueOnError
    }

    /// The project used with the local server when none is set.
    package static let localProject = "local"
}
