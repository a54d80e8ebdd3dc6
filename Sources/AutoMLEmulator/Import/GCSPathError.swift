/// Why a `gs://` URI or a local path was refused by ``GCSPathMapper``.
///
/// The message always names the URI, so it can go straight into an error the API returns.
struct GCSPathError: Error, Sendable, Hashable {
    /// The kind of refusal; compare against the static members.
    struct Reason: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The URI is longer than 2,000 characters (reference 6.9).
        static let tooLong = Reason("too long")
        /// The URI is neither `gs://…` nor, when allowed, an absolute local path or `file://` URL.
        static let unsupportedScheme = Reason("unsupported scheme")
        /// The bucket name is empty, or not 3–63 characters of `[a-z0-9_.-]` starting and ending with a letter or
        /// digit.
        static let invalidBucket = Reason("invalid bucket")
        /// The URI names a bucket but no object.
        static let missingObject = Reason("missing object")
        /// The object path starts with `/` or has an empty segment (`a//b`).
        static let absoluteOrEmptySegment = Reason("absolute path or empty segment")
        /// A `.` or `..` segment.
        static let dotSegment = Reason("dot segment")
        /// A NUL byte anywhere in the URI.
        static let nulByte = Reason("NUL byte")
        /// A control character (CR, LF, tab, DEL, …) anywhere in the URI: Cloud Storage refuses CR and LF in object
        /// names, and the others would be written into CSVs, logs and answers.
        static let controlCharacter = Reason("control character")
        /// A backslash anywhere in the URI.
        static let backslash = Reason("backslash")
        /// A percent-encoded separator, dot segment or NUL (`%2F`, `%5C`, `%2E%2E`, `%00`).
        static let encodedSeparator = Reason("percent-encoded separator")
        /// The path, once symlinks are resolved, lies outside the root folder.
        static let escapesRoot = Reason("escapes root")
        /// A symlink on the path could not be resolved (dangling, a loop, or no permission).
        static let unresolvable = Reason("unresolvable")
        /// The bucket is not one the request's project owns (with project-limited tokens).
        static let bucketNotAllowed = Reason("bucket not allowed")
        /// A local path was given but local paths are not allowed.
        static let localPathNotAllowed = Reason("local path not allowed")
        /// A parent directory could not be created.
        static let cannotCreateDirectory = Reason("cannot create directory")

        var description: String { name }
    }

    /// The URI or path as the caller gave it.
    var uri: String
    /// The kind of refusal.
    var reason: Reason
    /// What is wrong with the URI, without the URI itself.
    var detail: String

    /// Creates an error for `uri`.
    init(_ reason: Reason, uri: String, _ detail: String) {
        self.reason = reason
        self.uri = uri
        self.detail = detail
    }

    /// A sentence naming the URI and what is wrong with it.
    var message: String { "invalid path \"\(GCSPathError.shortened(uri))\": \(detail)" }

    /// Keeps very long URIs (up to the 2,000-character limit and beyond) from flooding a message.
    private static func shortened(_ uri: String) -> String {
        let printable = uri.escapingControlCharacters()
        guard printable.count > 200 else { return printable }
        return String(printable.prefix(200)) + "…"
    }
}

extension GCSPathError: CustomStringConvertible {
    var description: String { message }
}

extension String {
    /// The string with control characters shown as escapes (`\0`, `\r`, `\n`, `\u{7F}`), for messages.
    fileprivate func escapingControlCharacters() -> String {
        guard unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return self }
        return unicodeScalars.map { scalar in
            switch scalar {
            case "\u{0}": "\\0"
            case "\r": "\\r"
            case "\n": "\\n"
            case "\t": "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: "\\u{\(String(scalar.value, radix: 16))}"
            default: String(scalar)
            }
        }.joined()
    }
}
