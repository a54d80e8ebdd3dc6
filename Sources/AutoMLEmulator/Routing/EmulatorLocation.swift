import AutoMLWire

/// `google.cloud.location.Location`: what GetLocation answers.
struct EmulatorLocation: ProtoMessage {
    static let protoMessageName = "google.cloud.location.Location"
    var name = ""
    var locationId = ""
    var displayName = ""
    var unknownFields: JSONObject = [:]
    init() {}

    init(parent: Parent) {
        name = parent.description
        locationId = parent.location
        displayName = parent.location
    }

    static let protoFields: [ProtoField<Self>] = [
        .field("name", \.name), .field("locationId", \.locationId), .field("displayName", \.displayName),
    ]
}

/// `google.cloud.location.ListLocationsResponse`: the one location v1 serves.
struct EmulatorLocationList: ProtoMessage {
    static let protoMessageName = "google.cloud.location.ListLocationsResponse"
    var locations: [EmulatorLocation] = []
    var unknownFields: JSONObject = [:]
    init() {}

    init(project: String) {
        locations = [EmulatorLocation(parent: Parent(project: project, location: "us-central1"))]
    }

    static let protoFields: [ProtoField<Self>] = [.field("locations", \.locations)]
}
