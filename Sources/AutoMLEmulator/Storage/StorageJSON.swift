import AutoMLWire
import Foundation

/// The bucket and object resources as Cloud Storage writes them: int64 fields as strings, times ending in `Z`,
/// checksums in base64, and a `mediaLink` back to this server (the Python client downloads from it as it is).
enum StorageJSON {
    static func bucket(_ name: String) -> JSONObject {
        [
            "kind": .string("storage#bucket"), "id": .string(name), "name": .string(name),
            "projectNumber": .string("0"), "location": .string("US-CENTRAL1"), "locationType": .string("region"),
            "storageClass": .string("STANDARD"), "metageneration": .string("1"), "etag": .string("CAE="),
        ]
    }

    static func object(_ metadata: StoredObjectMetadata, host: String?) -> JSONObject {
        let name = metadata.name
        let encoded = escape(name)
        var object: JSONObject = [
            "kind": .string("storage#object"), "id": .string("\(metadata.bucket)/\(name)/\(metadata.generation)"),
            "name": .string(name), "bucket": .string(metadata.bucket),
            "generation": .string(String(metadata.generation)), "metageneration": .string("1"),
            "contentType": .string(metadata.contentType), "storageClass": .string("STANDARD"),
            "size": .string(String(metadata.size)), "md5Hash": .string(metadata.md5),
            "crc32c": .string(metadata.crc32c),
            "etag": .string(etag(metadata)), "timeCreated": .string(metadata.created),
            "updated": .string(metadata.created),
            "timeStorageClassUpdated": .string(metadata.created),
        ]
        if let host {
            let base = "http://\(host)"
            object["selfLink"] = .string("\(base)/storage/v1/b/\(metadata.bucket)/o/\(encoded)")
            object["mediaLink"] = .string(
                "\(base)/download/storage/v1/b/\(metadata.bucket)/o/\(encoded)?generation=\(metadata.generation)&alt=media"
            )
        }
        return object
    }

    /// An entity tag that changes with every generation.
    static func etag(_ metadata: StoredObjectMetadata) -> String {
        "\"\(metadata.md5)-\(metadata.generation)\""
    }

    /// An object name in a URL path: only `A-Za-z0-9-._~` kept, everything else percent-encoded (`/` too).
    static func escape(_ name: String) -> String {
        var result = ""
        for byte in name.utf8 {
            let scalar = Unicode.Scalar(byte)
            if scalar.isASCII,
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~".unicodeScalars.contains(scalar)
            {
                result.unicodeScalars.append(scalar)
            } else {
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }
}
