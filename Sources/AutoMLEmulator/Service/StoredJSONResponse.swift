import AutoMLWire
import Foundation
import NIOCore

/// A response whose body can be written from JSON the store already holds, without reading it into
/// messages and writing it again: the hot read paths (GetOperation, ListModels) answer this way.
protocol StoredJSONResponse {
    /// The response body for the request's options.
    func body(options: ProtoJSONOptions) throws -> Data
    /// The canonical body already in a send buffer, when there is one.
    var canonicalBuffer: ByteBuffer? { get }
}

extension StoredJSONResponse {
    var canonicalBuffer: ByteBuffer? { nil }
}

/// One resource as its stored canonical JSON.
struct StoredResource<Resource: ProtoMessage>: ProtoMessage, StoredJSONResponse {
    static var protoMessageName: String { Resource.protoMessageName }
    static var protoFields: [ProtoField<Self>] { [] }
    var json = ""
    var unknownFields: JSONObject = [:]
    init() {}
    init(json: String) { self.json = json }

    /// The stored text when enums are names; with integer enums the resource is read and written again.
    func body(options: ProtoJSONOptions) throws -> Data {
        guard options.enumsAsIntegers else { return Data(json.utf8) }
        return try Resource.fromStored(json).jsonData(options: options)
    }
}

/// A page of a List call written from the resources' stored JSON: `{"KEY":[…],"nextPageToken":"…"}`.
struct StoredList<Resource: ProtoMessage>: ProtoMessage, StoredJSONResponse {
    static var protoMessageName: String { "List of \(Resource.protoMessageName)" }
    static var protoFields: [ProtoField<Self>] { [] }
    /// The list's member name (`model`, `datasets`, `operations`).
    var key = ""
    var items: [String] = []
    var nextPageToken = ""
    /// The body with enums as names, once computed (a cached list keeps it), also as a send buffer.
    private var canonicalBody: Data?
    private(set) var canonicalBuffer: ByteBuffer?
    var unknownFields: JSONObject = [:]
    init() {}
    init(key: String, items: [String], nextPageToken: String) {
        self.key = key
        self.items = items
        self.nextPageToken = nextPageToken
    }

    /// Computes the canonical body now, so that every later answer is a copy of it.
    mutating func cacheCanonicalBody() {
        canonicalBody = try? body(options: .canonical)
        canonicalBuffer = canonicalBody.map { ByteBuffer(bytes: $0) }
    }

    func body(options: ProtoJSONOptions) throws -> Data {
        if !options.enumsAsIntegers, let canonicalBody { return canonicalBody }
        var writer = JSONWriter(capacity: items.reduce(64) { $0 + $1.utf8.count + 1 })
        // Members in name order, as every other response writes them.
        var members: [(name: String, write: (inout JSONWriter) throws -> Void)] = []
        if !items.isEmpty {
            members.append(
                (
                    key,
                    { writer in
                        writer.writeRaw("[".utf8)
                        for (position, item) in items.enumerated() {
                            if position > 0 { writer.writeRaw(",".utf8) }
                            if options.enumsAsIntegers {
                                writer.writeRaw(try Resource.fromStored(item).jsonData(options: options))
                            } else {
                                writer.writeRaw(item.utf8)
                            }
                        }
                        writer.writeRaw("]".utf8)
                    }
                ))
        }
        if !nextPageToken.isEmpty {
            members.append(("nextPageToken", { writer in writer.write(string: nextPageToken) }))
        }
        writer.writeRaw("{".utf8)
        for (position, member) in members.sorted(by: { $0.name < $1.name }).enumerated() {
            if position > 0 { writer.writeRaw(",".utf8) }
            writer.write(string: member.name)
            writer.writeRaw(":".utf8)
            try member.write(&writer)
        }
        writer.writeRaw("}".utf8)
        return Data(writer.bytes)
    }
}
