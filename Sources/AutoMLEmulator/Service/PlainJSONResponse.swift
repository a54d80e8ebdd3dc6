import AutoMLWire
import Foundation

/// An answer of one of the local backend's extensions: plain JSON of a Codable value (it has no enums for
/// `$alt=json;enum-encoding=int` to change).
struct PlainJSONResponse<Value: Codable & Sendable & Hashable>: ProtoMessage, StoredJSONResponse {
    static var protoMessageName: String { "automl.local.\(Value.self)" }
    static var protoFields: [ProtoField<Self>] { [] }
    var value: Value?
    var unknownFields: JSONObject = [:]
    init() {}
    init(_ value: Value) { self.value = value }

    func body(options: ProtoJSONOptions) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }
}
