import AutoMLClient

/// Checks project and location IDs the way resource names do, before they are stored in the context.
enum LocationNameCheck {
    static func project(_ id: String) throws -> ProjectName {
        try ProjectName(project: id)
    }

    static func location(_ id: String) throws -> LocationName {
        try LocationName(project: "p", location: id)
    }
}
