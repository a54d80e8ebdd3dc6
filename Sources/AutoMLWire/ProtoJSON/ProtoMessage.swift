public import Foundation

/// A protobuf message read and written with the proto3 JSON mapping.
///
/// A message lists its fields once, in ``protoFields``; reading, writing, unknown-field keeping and the
/// Codable bridge all come from that list. Reading accepts lowerCamelCase and snake_case member names;
/// members the message does not know are kept in ``unknownFields`` and written back unchanged.
public protocol ProtoMessage: ProtoJSONConvertible, Codable {
    /// The full proto name, such as `google.cloud.automl.v1.Model`; `Any` values carry it in their type URL.
    static var protoMessageName: String { get }
    /// The fields, in proto order.
    static var protoFields: [ProtoField<Self>] { get }
    /// An empty message: every field at its default.
    init()
    /// Members that this version of the message does not define, kept as they were read.
    var unknownFields: JSONObject { get set }
}

extension ProtoMessage {
    /// The type URL of this message inside a `google.protobuf.Any`.
    public static var protoTypeURL: String { "type.googleapis.com/\(protoMessageName)" }

    public static var protoDefault: Self { Self() }

    public init(protoJSON: JSONValue, path: String) throws {
        guard case .object(let members) = protoJSON else {
            throw ProtoJSONError.mismatch("an object (\(Self.protoMessageName))", protoJSON, at: path)
        }
        self.init()
        let table = ProtoFieldTable<Self>.shared
        for (key, value) in members {
            if let field = table.field(named: key) {
                try field.read(&self, value, protoPath(path, field.jsonName))
            } else {
                unknownFields[key] = value
            }
        }
    }

    public func protoJSON(options: ProtoJSONOptions) -> JSONValue {
        var members = unknownFields
        for field in Self.protoFields {
            if let value = field.write(self, options) {
                members[field.jsonName] = value
            }
        }
        return .object(members)
    }

    /// The members that were read but are not fields of their message, anywhere in the tree, as paths
    /// such as `imageClassificationModelMetadata.trainBudget`.
    public func unknownFieldPaths(prefix: String = "") -> [String] {
        var paths = unknownFields.keys.sorted().map { protoPath(prefix, $0) }
        for field in Self.protoFields {
            let children = field.nested(self)
            guard !children.isEmpty else { continue }
            let isList = field.write(self, .canonical)?.arrayValue != nil
            for (index, child) in children.enumerated() {
                let childPath = protoPath(prefix, isList ? "\(field.jsonName)[\(index)]" : field.jsonName)
                paths += child.unknownFieldPaths(prefix: childPath)
            }
        }
        return paths
    }

    /// Reads a message from JSON text.
    public init(jsonData: Data) throws {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: jsonData)
        } catch {
            throw ProtoJSONError(path: "", reason: "not JSON: \(error)")
        }
        try self.init(protoJSON: value, path: "")
    }

    /// Writes the message as JSON text.
    public func jsonData(options: ProtoJSONOptions = .canonical, pretty: Bool = false) -> Data {
        protoJSON(options: options).encodedData(pretty: pretty)
    }

    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        do {
            try self.init(protoJSON: value, path: "")
        } catch let error as ProtoJSONError {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath, debugDescription: error.description,
                    underlyingError: error))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        let options = encoder.userInfo[.protoJSONOptions] as? ProtoJSONOptions ?? .canonical
        try protoJSON(options: options).encode(to: encoder)
    }
}

extension JSONValue {
    /// JSON text of the value; object members sorted so the same value always gives the same bytes.
    public func encodedData(pretty: Bool = false) -> Data {
        if !pretty {
            var writer = JSONWriter(capacity: 512)
            writer.write(self)
            return Data(writer.bytes)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty
            ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail: every case maps onto a JSON primitive, and non-finite numbers
        // are written as strings by the proto layer before they get here.
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }
}
