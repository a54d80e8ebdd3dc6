import Foundation

/// Recognises an image format from the first bytes of the data.
enum ImageSignature {
    /// A byte pattern at the start of the data; nil matches any byte.
    private struct Pattern {
        var bytes: [UInt8?]
        /// The supported format this pattern announces, or nil for a recognised but unsupported format.
        var format: ImageFormat?
        /// The name of an unsupported format, for messages.
        var name: String

        init(_ bytes: [UInt8?], _ format: ImageFormat) {
            self.bytes = bytes
            self.format = format
            self.name = format.description
        }

        init(unsupported name: String, _ bytes: [UInt8?]) {
            self.bytes = bytes
            self.format = nil
            self.name = name
        }
    }

    private static func ascii(_ text: String) -> [UInt8?] { text.utf8.map { $0 } }

    private static let patterns: [Pattern] =
        [
            Pattern([0xFF, 0xD8, 0xFF], .jpeg),
            Pattern([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], .png),
            Pattern(ascii("GIF87a"), .gif),
            Pattern(ascii("GIF89a"), .gif),
            Pattern(ascii("BM"), .bmp),
            Pattern(ascii("RIFF") + [nil, nil, nil, nil] + ascii("WEBP"), .webp),
            Pattern(ascii("II") + [0x2A, 0x00], .tiff),
            Pattern(ascii("MM") + [0x00, 0x2A], .tiff),
            Pattern([0x00, 0x00, 0x01, 0x00], .ico),
            Pattern(unsupported: "BigTIFF", ascii("II") + [0x2B, 0x00]),
            Pattern(unsupported: "BigTIFF", ascii("MM") + [0x00, 0x2B]),
            Pattern(unsupported: "Windows cursor (CUR)", [0x00, 0x00, 0x02, 0x00]),
            Pattern(unsupported: "JPEG 2000", [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20]),
            Pattern(unsupported: "JPEG 2000", [0xFF, 0x4F, 0xFF, 0x51]),
            Pattern(unsupported: "JPEG XL", [0xFF, 0x0A]),
            Pattern(unsupported: "JPEG XL", [0x00, 0x00, 0x00, 0x0C, 0x4A, 0x58, 0x4C, 0x20]),
            Pattern(unsupported: "Photoshop (PSD)", ascii("8BPS")),
        ]
        + ["heic", "heix", "hevc", "heim", "heis", "mif1", "msf1"].map {
            Pattern(unsupported: "HEIF", [nil, nil, nil, nil] + ascii("ftyp") + ascii($0))
        }
        + ["avif", "avis"].map {
            Pattern(unsupported: "AVIF", [nil, nil, nil, nil] + ascii("ftyp") + ascii($0))
        }

    /// The format announced by the data's first bytes.
    ///
    /// - Throws: ``ImageProbeError`` `.unsupportedFormat` for a recognised format the probe does not accept,
    ///   `.truncated` when the data is a proper prefix of a known signature, `.notAnImage` otherwise.
    static func detect(_ data: Data) throws -> ImageFormat {
        let head = Array(data.prefix(16))
        for pattern in patterns where matches(pattern.bytes, head, allowingShortData: false) {
            guard let format = pattern.format else {
                throw ImageProbeError(.unsupportedFormat, "\(pattern.name) images are not supported")
            }
            return format
        }
        if head.starts(with: ascii("GIF").compactMap { $0 }), head.count >= 6 {
            let version = String(decoding: head[3..<6], as: UTF8.self)
            throw ImageProbeError.corrupt(.gif, "unknown GIF version \"\(version)\"")
        }
        for pattern in patterns where pattern.format != nil && matches(pattern.bytes, head, allowingShortData: true) {
            if let format = pattern.format {
                throw ImageProbeError.truncated(format, "the file signature (\(head.count) bytes)")
            }
        }
        throw ImageProbeError(
            .notAnImage, "not an image: the first bytes (\(hex(head.prefix(8)))) match no image format"
        )
    }

    /// Whether `head` starts with `pattern`; with `allowingShortData`, whether `head` is shorter than the pattern and
    /// agrees with it as far as it goes.
    private static func matches(_ pattern: [UInt8?], _ head: [UInt8], allowingShortData: Bool) -> Bool {
        if head.count < pattern.count, !allowingShortData { return false }
        if head.count >= pattern.count, allowingShortData { return false }
        return zip(pattern, head).allSatisfy { expected, actual in expected.map { $0 == actual } ?? true }
    }

    private static func hex(_ bytes: some Collection<UInt8>) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: " ")
    }
}
