package import AutoMLClient

/// What flags and environment variables set for one run (or, inside the shell, for one command): the endpoint,
/// project, location and output format. They are never saved; the run's context is the saved session with them on
/// top, and the dataset, model and operation are those saved for the scope they lead to.
package struct ContextOverrides: Sendable, Hashable {
    /// The endpoint: `.some(nil)` is the local server, nil is no override.
    package var endpoint: String??
    package var project: String?
    package var location: String?
    package var format: OutputFormat?

    package init(
        endpoint: String?? = nil, project: String? = nil, location: String? = nil,
        format: OutputFormat? = nil
    ) {
        self.endpoint = endpoint
        self.project = project
        self.location = location
        self.format = format
    }

    package var isEmpty: Bool { endpoint == nil && project == nil && location == nil && format == nil }

    /// Reads the values as typed, checking each: `--endpoint local|cloud|URL`, `--project`, `--location`,
    /// `--format json|yaml|table|value(…)`.
    package static func parse(
        endpoint: String? = nil, project: String? = nil, location: String? = nil,
        format: String? = nil
    ) throws -> ContextOverrides {
        var overrides = ContextOverrides()
        if let endpoint { overrides.endpoint = .some(try EndpointChoice.parse(endpoint)) }
        if let project { overrides.project = try LocationNameCheck.project(project).project }
        if let location { overrides.location = try LocationNameCheck.location(location).location }
        if let format {
            guard let parsed = OutputFormat(parsing: format) else {
                throw ShellError("\"\(format)\" is not a format", hint: "use json, yaml, table or value(FIELD,...)")
            }
            overrides.format = parsed
        }
        return overrides
    }

    /// `AUTOML_ENDPOINT`, then `GOOGLE_CLOUD_PROJECT` or `CLOUDSDK_CORE_PROJECT` (as gcloud reads them); empty values
    /// count as unset.
    package static func environment(_ environment: EnvironmentVariables) throws -> ContextOverrides {
        let endpoint = environment.values["AUTOML_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
        let project = [environment[.googleCloudProject], environment[.cloudSDKCoreProject]]
            .compactMap { $0 }.first { !$0.isEmpty }
        return try parse(endpoint: endpoint, project: project)
    }

    /// These overrides, with `other`'s where these have none (flags over the environment).
    package func over(_ other: ContextOverrides) -> ContextOverrides {
        ContextOverrides(
            endpoint: endpoint ?? other.endpoint, project: project ?? other.project,
            location: location ?? other.location, format: format ?? other.format)
    }

    /// Sets the overridden fields of `context`; the resources are left for the caller to fill for the new scope.
    package func apply(to context: inout SessionContext) {
        if let endpoint { context.endpoint = endpoint }
        if let project { context.project = project }
        if let location { context.location = location }
        if let format { context.format = format }
    }

    /// The context a run starts with: the saved defaults, these overrides, and the resources saved for the scope.
    package func startingContext(from saved: SavedSession) -> SessionContext {
        var context = saved.context
        apply(to: &context)
        saved.fillResources(of: &context)
        return context
    }
}
