import AutoMLClient
import Foundation
import Testing

/// The JSON fixture files in `Fixtures/`: wire samples from the AutoML v1 reference and the seed page.
enum WireFixture {
    /// The folder the test bundle copied `Fixtures/` into.
    static func directory() throws -> URL {
        try #require(
            Bundle.module.url(forResource: "Fixtures", withExtension: nil), "the Fixtures folder is in the test bundle")
    }

    /// The bytes of one fixture file.
    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory().appendingPathComponent(name))
    }

    /// One fixture file read as a plain JSON value (no proto mapping applied).
    static func json(_ name: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data(name))
    }

    /// The names of every `.json` file in the folder.
    static func allNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory().path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
    }
}

/// Parses JSON text written inline in a test.
func parseJSON(_ text: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
}

/// A JSON value put in a form where two proto3-equivalent documents compare equal: every number becomes a
/// Double (so `1` for a float field equals the `1.0` a writer gives back), recursively.
///
/// Fixtures are kept canonical otherwise (int64 as strings, enum names, `Z` timestamps, defaults omitted),
/// so nothing else needs normalizing.
func protoComparable(_ value: JSONValue) -> JSONValue {
    switch value {
    case .integer(let integer): .number(Double(integer))
    case .array(let elements): .array(elements.map(protoComparable))
    case .object(let members): .object(members.mapValues(protoComparable))
    default: value
    }
}

/// Reads a fixture as `Message`, checks that writing it gives back the fixture's JSON and that reading the
/// written JSON gives an equal message; returns the message for further assertions.
@discardableResult
func roundTripFixture<Message: ProtoMessage>(
    _ name: String, as type: Message.Type,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> Message {
    let message = try Message(jsonData: WireFixture.data(name))
    let written = message.protoJSON(options: .canonical)
    let original = try WireFixture.json(name)
    #expect(
        protoComparable(written) == protoComparable(original),
        "\(name) as \(Message.protoMessageName) re-encodes differently", sourceLocation: sourceLocation)
    let reread = try Message(protoJSON: written, path: "")
    #expect(reread == message, "\(name) changes when read back", sourceLocation: sourceLocation)
    let rereadFromText = try Message(jsonData: message.jsonData())
    #expect(rereadFromText == message, "\(name) changes through JSON text", sourceLocation: sourceLocation)
    return message
}

/// Unpacks an `Any` and checks that the message writes back the same members the `Any` carried.
@discardableResult
func roundTripAny<Message: ProtoMessage>(
    _ any: ProtoAny?, as type: Message.Type,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> Message {
    let packed = try #require(any, "the Any is present", sourceLocation: sourceLocation)
    let message = try packed.unpack(Message.self)
    #expect(
        protoComparable(message.protoJSON(options: .canonical)) == protoComparable(.object(packed.fields)),
        sourceLocation: sourceLocation)
    #expect(ProtoAny(message) == packed, sourceLocation: sourceLocation)
    return message
}
