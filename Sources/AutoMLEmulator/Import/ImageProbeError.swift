/// Why ``ImageProbe`` refused an image.
struct ImageProbeError: Error, Sendable, Hashable {
    /// The kind of problem; compare against the static members.
    struct Kind: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The file or data has no bytes.
        static let empty = Kind("empty")
        /// The data ends inside a header structure the probe needs.
        static let truncated = Kind("truncated")
        /// The first bytes are not the signature of any image format the probe knows.
        static let notAnImage = Kind("not an image")
        /// A recognised image format that is not accepted (HEIF, JPEG 2000…, or one outside the allowed set).
        static let unsupportedFormat = Kind("unsupported format")
        /// The signature is right but the header is not (missing or zero-sized IHDR, no JPEG SOF, bad values).
        static let corruptHeader = Kind("corrupt header")
        /// More pixels, or more bytes, than the configured caps.
        static let tooLarge = Kind("too large")
        /// The file could not be read.
        static let unreadable = Kind("unreadable")

        var description: String { name }
    }

    /// The kind of problem.
    var kind: Kind
    /// The format the signature announced, when there was one.
    var format: ImageFormat?
    /// What is wrong, in words.
    var message: String

    /// Creates an error.
    init(_ kind: Kind, format: ImageFormat? = nil, _ message: String) {
        self.kind = kind
        self.format = format
        self.message = message
    }

    /// The data of a `format` image ends inside `what` (a phrase such as "the IHDR chunk").
    static func truncated(_ format: ImageFormat, _ what: String) -> ImageProbeError {
        ImageProbeError(.truncated, format: format, "truncated \(format) image: the data ends inside \(what)")
    }

    /// The header of a `format` image is wrong: `what` says how.
    static func corrupt(_ format: ImageFormat, _ what: String) -> ImageProbeError {
        ImageProbeError(.corruptHeader, format: format, "corrupt \(format) header: \(what)")
    }
}

extension ImageProbeError: CustomStringConvertible {
    var description: String { message }
}
