public import AutoMLWire
import Foundation

/// A Cloud Storage object's metadata, as the JSON API describes it (the fields the workflow reads).
public struct StorageObject: Sendable, Hashable {
    public var bucket: String
    public var name: String
    /// Changes with every write of the object.
    public var generation: Int64
    public var size: Int64
    /// MD5 of the bytes in base64; empty for composite objects.
    public var md5Hash: String
    /// CRC32C of the bytes, big-endian, in base64.
    public var crc32c: String
    public var contentType: String
    /// RFC 3339.
    public var updated: String

    /// `gs://bucket/name`.
    public var uri: String { "gs://\(bucket)/\(name)" }

    /// Reads the object resource; int64 fields may be strings (as the API writes them) or numbers.
    public init(json: JSONValue) throws {
        guard case .object(let fields) = json, let bucket = fields["bucket"]?.stringValue,
            let name = fields["name"]?.stringValue
        else { throw TransportError(.malformedResponse, "a storage object without a bucket or a name") }
        func int64(_ key: String) -> Int64 {
            switch fields[key] {
            case .string(let text)?: Int64(text) ?? 0
            case .integer(let value)?: value
            case .number(let value)?: Int64(value)
            default: 0
            }
        }
        self.bucket = bucket
        self.name = name
        generation = int64("generation")
        size = int64("size")
        md5Hash = fields["md5Hash"]?.stringValue ?? ""
        crc32c = fields["crc32c"]?.stringValue ?? ""
        contentType = fields["contentType"]?.stringValue ?? ""
        updated = fields["updated"]?.stringValue ?? ""
    }
}

/// One page of an object listing.
public struct StorageObjectPage: Sendable {
    public var items: [StorageObject]
    /// With a delimiter: the "folders" under the prefix, each ending in the delimiter.
    public var prefixes: [String]
    /// Nil on the last page.
    public var nextPageToken: String?
}

/// A `gs://BUCKET/OBJECT` URI split in two.
public struct StorageLocation: Sendable, Hashable, CustomStringConvertible {
    public var bucket: String
    /// The object name, or the prefix for a folder-like URI (may be empty).
    public var name: String

    public init(bucket: String, name: String) {
        self.bucket = bucket
        self.name = name
    }

    /// Reads `gs://bucket/name`; nil for anything else.
    public init?(uri: String) {
        guard uri.hasPrefix("gs://") else { return nil }
        let rest = uri.dropFirst(5)
        let bucket = rest.prefix { $0 != "/" }
        guard !bucket.isEmpty else { return nil }
        self.bucket = String(bucket)
        name = String(rest.dropFirst(bucket.count + 1))
    }

    public var description: String { "gs://\(bucket)/\(name)" }
}
