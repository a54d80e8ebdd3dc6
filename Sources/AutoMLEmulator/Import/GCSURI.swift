import AutoMLWire

/// A syntactically valid `gs://BUCKET/OBJECT` URI, split into its bucket and object name.
///
/// Parsing checks only the text; ``GCSPathMapper`` adds the file-system checks (symlinks).
struct GCSURI: Sendable, Hashable {
    /// The longest URI the API accepts (reference 6.9).
    static let maxLength = 2_000
    /// The scheme prefix, `gs://`.
    static let scheme = "gs://"

    /// The bucket name, as Cloud Storage names buckets (``GCSBucketName``).
    var bucket: String
    /// The object name without a leading `/`; empty for a bucket-only URI. A trailing `/` is dropped.
    var object: String

    /// The object name split on `/`; empty for a bucket-only URI.
    var objectSegments: [Substring] {
        object.isEmpty ? [] : object.split(separator: "/", omittingEmptySubsequences: false)
    }

    /// The URI in canonical form: `gs://bucket/object`, or `gs://bucket` when there is no object.
    var uri: String { object.isEmpty ? "\(GCSURI.scheme)\(bucket)" : "\(GCSURI.scheme)\(bucket)/\(object)" }

    /// Creates a URI from parts that are already known to be valid.
    init(bucket: String, object: String) {
        self.bucket = bucket
        self.object = object
    }

    /// Parses and validates `uri`.
    ///
    /// - Parameter requiresObject: whether a bucket-only URI (`gs://bucket`, `gs://bucket/`) is refused.
    /// - Throws: ``GCSPathError`` naming the first rule the URI breaks.
    init(parsing uri: String, requiresObject: Bool = true) throws {
        guard uri.utf8.count <= GCSURI.maxLength else {
            throw GCSPathError(.tooLong, uri: uri, "longer than \(GCSURI.maxLength) characters")
        }
        guard uri.hasPrefix(GCSURI.scheme) else {
            throw GCSPathError(.unsupportedScheme, uri: uri, "expected a gs://BUCKET/OBJECT URI")
        }
        try GCSURI.checkForbiddenCharacters(uri)
        let rest = uri.dropFirst(GCSURI.scheme.count)
        let bucket: Substring
        var object: Substring
        if let slash = rest.firstIndex(of: "/") {
            bucket = rest[..<slash]
            object = rest[rest.index(after: slash)...]
        } else {
            bucket = rest
            object = ""
        }
        try GCSURI.checkBucket(bucket, uri: uri)
        if object.hasPrefix("/") {
            throw GCSPathError(.absoluteOrEmptySegment, uri: uri, "the object path must not start with \"/\"")
        }
        if object.hasSuffix("/") { object = object.dropLast() }
        if object.isEmpty, requiresObject {
            throw GCSPathError(.missingObject, uri: uri, "the URI names bucket \"\(bucket)\" but no object")
        }
        if !object.isEmpty {
            for segment in object.split(separator: "/", omittingEmptySubsequences: false) {
                try GCSURI.checkSegment(segment, uri: uri)
            }
        }
        self.bucket = String(bucket)
        self.object = String(object)
    }

    /// Whether `name` is a bucket name Cloud Storage accepts (``GCSBucketName/problem(_:)`` finds nothing wrong).
    static func isValidBucketName(_ name: some StringProtocol) -> Bool {
        GCSBucketName.problem(name) == nil
    }

    /// Refuses NUL bytes, other control characters and backslashes anywhere in a URI or path.
    static func checkForbiddenCharacters(_ uri: String) throws {
        if uri.utf8.contains(0) {
            throw GCSPathError(.nulByte, uri: uri, "contains a NUL byte")
        }
        if uri.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw GCSPathError(.controlCharacter, uri: uri, "contains a control character (such as a line break)")
        }
        if uri.utf8.contains(UInt8(ascii: "\\")) {
            throw GCSPathError(.backslash, uri: uri, "contains a backslash")
        }
    }

    private static func checkBucket(_ bucket: Substring, uri: String) throws {
        if bucket.isEmpty {
            throw GCSPathError(.invalidBucket, uri: uri, "the bucket name is empty")
        }
        if let problem = GCSBucketName.problem(bucket) {
            throw GCSPathError(.invalidBucket, uri: uri, "bucket name \"\(bucket)\": \(problem)")
        }
    }

    private static func checkSegment(_ segment: Substring, uri: String) throws {
        if segment.isEmpty {
            throw GCSPathError(.absoluteOrEmptySegment, uri: uri, "the object path has an empty segment (\"//\")")
        }
        if segment == "." || segment == ".." {
            throw GCSPathError(.dotSegment, uri: uri, "the object path has a \"\(segment)\" segment")
        }
        // Object names are used literally (not percent-decoded), so "%2e%2e" is a harmless file name on disk. It is
        // refused anyway: a URI that would mean "..", "/" or "\" to anything that does decode it is an attack.
        guard segment.contains("%") else { return }
        let decoded = percentDecoded(segment)
        if decoded == "." || decoded == ".." || decoded.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\u{0}" }) {
            throw GCSPathError(
                .encodedSeparator, uri: uri,
                "the object path has a percent-encoded separator or dot segment (\"\(segment)\")"
            )
        }
    }

    /// Decodes `%XX` escapes; malformed escapes are kept as they are.
    static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2, let high = hexValue(utf8[utf8.startIndex]),
                let low = hexValue(utf8[utf8.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension GCSURI: CustomStringConvertible {
    var description: String { uri }
}
