/// A `google.protobuf.Any`: a message of a type named by its `@type` URL, kept as JSON until unpacked.
///
/// An `Any` with a type this client does not model (an error detail it has no struct for, say) is kept
/// whole and written back unchanged.
public struct ProtoAny: Sendable, Hashable {
    /// The type URL, such as `type.googleapis.com/google.cloud.automl.v1.Model`.
    public var typeURL: String
    /// The members other than `@type`.
    public var fields: JSONObject

    public init(typeURL: String, fields: JSONObject = [:]) {
        self.typeURL = typeURL
        self.fields = fields
    }

    /// Packs a message.
    public init<Message: ProtoMessage>(_ message: Message, options: ProtoJSONOptions = .canonical) {
        typeURL = Message.protoTypeURL
        fields = message.protoJSON(options: options).objectValue ?? [:]
    }

    /// The full message name: the type URL after its last `/`.
    public var messageName: String {
        typeURL.split(separator: "/").last.map(String.init) ?? typeURL
    }

    /// Whether this holds a message of the given type.
    public func holds<Message: ProtoMessage>(_ type: Message.Type) -> Bool {
        messageName == Message.protoMessageName
    }

    /// Reads the message, or throws when the `Any` holds another type.
    public func unpack<Message: ProtoMessage>(_ type: Message.Type, path: String = "") throws -> Message {
        guard holds(type) else {
            throw ProtoJSONError(path: path, reason: "holds \(messageName), not \(Message.protoMessageName)")
        }
        return try Message(protoJSON: .object(fields), path: path)
    }
}

extension ProtoAny: ProtoJSONConvertible {
    public static var protoDefault: ProtoAny { ProtoAny(typeURL: "") }

    public init(protoJSON: JSONValue, path: String) throws {
        guard case .object(var members) = protoJSON else {
            throw ProtoJSONError.mismatch("an Any object", protoJSON, at: path)
        }
        guard case .string(let typeURL) = members.removeValue(forKey: "@type") ?? .null, !typeURL.isEmpty else {
            throw ProtoJSONError(path: path, reason: "an Any without \"@type\"")
        }
        self.init(typeURL: typeURL, fields: members)
    }

    public func protoJSON(options: ProtoJSONOptions) -> JSONValue {
        var members = fields
        members["@type"] = .string(typeURL)
        return .object(members)
    }
}

/// `google.protobuf.Empty`: the result of operations that return nothing.
public struct Empty: ProtoMessage {
    public static let protoMessageName = "google.protobuf.Empty"
    public static var protoFields: [ProtoField<Empty>] { [] }
    public var unknownFields: JSONObject = [:]
    public init() {}
}
