/// Why ``ImageCodec`` could not decode or encode an image: the C codec's return code and message.
struct ImageCodecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure; compare against the static members.
    struct Code: Sendable, Hashable, CustomStringConvertible {
        let rawValue: Int32
        private let name: String
        private init(_ rawValue: Int32, _ name: String) {
            self.rawValue = rawValue
            self.name = name
        }

        /// Neither JPEG nor PNG (or no bytes at all).
        static let unsupported = Code(1, "unsupported")
        /// The decoder rejected the data: truncated, bad markers, bad CRC, bad compressed data.
        static let corrupt = Code(2, "corrupt")
        /// More pixels than the cap.
        static let tooLarge = Code(3, "too large")
        /// Out of memory, an invalid argument, or another failure that is not the image's fault.
        static let `internal` = Code(4, "internal")

        /// The code for a non-zero `AIC_*` return value; unknown values count as internal.
        init(returnValue: Int32) {
            switch returnValue {
            case Code.unsupported.rawValue: self = .unsupported
            case Code.corrupt.rawValue: self = .corrupt
            case Code.tooLarge.rawValue: self = .tooLarge
            default: self = .internal
            }
        }

        var description: String { name }
    }

    /// The kind of failure.
    var code: Code
    /// What is wrong, in a few words (never a path).
    var message: String

    var description: String { message }
}
