/// One field of a ``ProtoMessage``: its JSON name and how to read and write it.
public struct ProtoField<Message>: Sendable {
    /// The lowerCamelCase JSON name, such as `displayName`.
    public let jsonName: String
    /// The proto field name, such as `display_name`, which readers accept too.
    public let protoName: String
    let read: @Sendable (inout Message, JSONValue, String) throws -> Void
    let write: @Sendable (Message, ProtoJSONOptions) -> JSONValue?
    /// The messages this field holds (none for scalars), for walks over a message tree.
    let nested: @Sendable (Message) -> [any ProtoMessage]

    /// A field whose value is written unless it is the proto3 default (for messages in an optional:
    /// unless absent).
    public static func field<Value: ProtoJSONConvertible>(
        _ jsonName: String, _ keyPath: any WritableKeyPath<Message, Value> & Sendable
    ) -> ProtoField {
        ProtoField(
            jsonName: jsonName,
            protoName: snakeCase(jsonName),
            read: { message, json, path in
                // proto3 JSON: null stands for the field's default.
                if case .null = json {
                    message[keyPath: keyPath] = Value.protoDefault
                    return
                }
                message[keyPath: keyPath] = try Value(protoJSON: json, path: path)
            },
            write: { message, options in
                let value = message[keyPath: keyPath]
                return value == Value.protoDefault ? nil : value.protoJSON(options: options)
            },
            nested: { message in
                let value = message[keyPath: keyPath]
                if let single = value as? any ProtoMessage { return [single] }
                if let many = value as? [any ProtoMessage] { return many }
                return []
            }
        )
    }
}

/// The fields of a message type by every name a reader accepts, built once per type.
final class ProtoFieldTable<Message: ProtoMessage>: Sendable {
    private let byName: [String: ProtoField<Message>]

    fileprivate init() {
        var byName: [String: ProtoField<Message>] = [:]
        for field in Message.protoFields {
            byName[field.jsonName] = field
            byName[field.protoName] = field
        }
        self.byName = byName
    }

    func field(named name: String) -> ProtoField<Message>? { byName[name] }

    /// One table per message type, kept for the life of the process (the set of types is fixed).
    static var shared: ProtoFieldTable<Message> {
        ProtoFieldTableCache.instance.table(for: Message.self)
    }
}

/// The cache behind ``ProtoFieldTable/shared``: a lock-guarded map from message type to its table.
private final class ProtoFieldTableCache: Sendable {
    static let instance = ProtoFieldTableCache()
    private let tables = LockedValue<[ObjectIdentifier: any Sendable]>([:])

    func table<Message: ProtoMessage>(for type: Message.Type) -> ProtoFieldTable<Message> {
        let key = ObjectIdentifier(type)
        if let table = tables.withLock({ $0[key] }) as? ProtoFieldTable<Message> { return table }
        let table = ProtoFieldTable<Message>()
        tables.withLock { $0[key] = table }
        return table
    }
}

/// `displayName` → `display_name`, `f1ScoreAt1` → `f1_score_at1`.
func snakeCase(_ camel: String) -> String {
    var result = ""
    for character in camel {
        if character.isUppercase {
            result += "_" + character.lowercased()
        } else {
            result.append(character)
        }
    }
    return result
}
