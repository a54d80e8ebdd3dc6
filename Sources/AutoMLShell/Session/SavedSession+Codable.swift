/// `session.json`, version 2:
///
/// ```json
/// {
///   "version": 2, "project": "p", "location": "us-central1", "format": "yaml",
///   "places": [{"project": "p", "location": "us-central1", "dataset": "ICN1", "model": "ICN2"}]
/// }
/// ```
///
/// `endpoint` is absent for the local server, in the defaults and in a place. A file without `version`
/// is the first format (one context: defaults and resources side by side, `format` as Swift's synthesized enum
/// coding, `continueOnError`); it reads as the defaults with one place, and `continueOnError` is dropped: it
/// lasts for one run now.
extension SavedSession: Codable {
    static let version = 2

    private enum Key: String, CodingKey {
        case version, endpoint, project, location, format, bucket, places, dataset, model, operation
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let version = try container.decodeIfPresent(Int.self, forKey: .version) ?? 1
        guard version <= Self.version else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: container,
                debugDescription: "version \(version) is newer than this automl")
        }
        endpoint = try container.decodeIfPresent(String.self, forKey: .endpoint)
        project = try container.decodeIfPresent(String.self, forKey: .project)
        location = try container.decodeIfPresent(String.self, forKey: .location) ?? "us-central1"
        if version == 1 {
            format = try container.decodeIfPresent(OutputFormat.self, forKey: .format) ?? .json
            let scope = ResourceScope(
                endpoint: endpoint, project: project ?? SessionContext.localProject,
                location: location)
            let place = Place(
                scope: scope, dataset: try container.decodeIfPresent(String.self, forKey: .dataset),
                model: try container.decodeIfPresent(String.self, forKey: .model),
                operation: try container.decodeIfPresent(String.self, forKey: .operation))
            places = place.isEmpty ? [] : [place]
            return
        }
        let formatText = try container.decodeIfPresent(String.self, forKey: .format) ?? "json"
        guard let format = OutputFormat(parsing: formatText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: container,
                debugDescription: "\"\(formatText)\" is not a format")
        }
        self.format = format
        bucket = try container.decodeIfPresent(String.self, forKey: .bucket)
        places = try container.decodeIfPresent([Place].self, forKey: .places) ?? []
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(Self.version, forKey: .version)
        try container.encodeIfPresent(endpoint, forKey: .endpoint)
        try container.encodeIfPresent(project, forKey: .project)
        try container.encode(location, forKey: .location)
        try container.encode(format.description, forKey: .format)
        try container.encodeIfPresent(bucket, forKey: .bucket)
        try container.encode(places, forKey: .places)
    }
}

extension SavedSession.Place: Codable {
    private enum Key: String, CodingKey {
        case endpoint, project, location, dataset, model, operation
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        scope = ResourceScope(
            endpoint: try container.decodeIfPresent(String.self, forKey: .endpoint),
            project: try container.decode(String.self, forKey: .project),
            location: try container.decode(String.self, forKey: .location))
        dataset = try container.decodeIfPresent(String.self, forKey: .dataset)
        model = try container.decodeIfPresent(String.self, forKey: .model)
        operation = try container.decodeIfPresent(String.self, forKey: .operation)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encodeIfPresent(scope.endpoint, forKey: .endpoint)
        try container.encode(scope.project, forKey: .project)
        try container.encode(scope.location, forKey: .location)
        try container.encodeIfPresent(dataset, forKey: .dataset)
        try container.encodeIfPresent(model, forKey: .model)
        try container.encodeIfPresent(operation, forKey: .operation)
    }
}
