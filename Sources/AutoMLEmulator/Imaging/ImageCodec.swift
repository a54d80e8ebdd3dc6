internal import CImageCodec

/// The C image codec (`CImageCodec`) seen from Swift: JPEG and PNG validation and decoding to small RGB squares,
/// and JPEG encoding. Stateless and thread-safe: every call creates and frees its own decoder.
enum ImageCodec {
    /// The pixel cap used when the caller gives none: 40 megapixels.
    static let defaultMaxPixels = 40_000_000

    /// The size of an image, in pixels.
    struct Size: Sendable, Hashable {
        var width: Int
        var height: Int
    }

    /// An image decoded and resized to a square of packed 8-bit RGB.
    struct SquareImage: Sendable, Hashable {
        /// `side × side × 3` bytes, rows top to bottom.
        var rgb: [UInt8]
        /// The side of the square.
        var side: Int
        /// The size of the original image.
        var originalSize: Size
    }

    private static let messageCapacity = 256

    /// Checks that `bytes` are a JPEG or PNG that decodes fully, and returns its size.
    static func validate(_ bytes: [UInt8], maxPixels: Int = defaultMaxPixels) throws(ImageCodecError) -> Size {
        var width: Int32 = 0
        var height: Int32 = 0
        var message = [CChar](repeating: 0, count: messageCapacity)
        let status = bytes.withUnsafeBufferPointer { buffer in
            aic_validate(buffer.baseAddress, buffer.count, Int64(maxPixels), &width, &height, &message, messageCapacity)
        }
        try check(status, message)
        return Size(width: Int(width), height: Int(height))
    }

    /// Decodes a JPEG or PNG and stretches it to `side × side` RGB with an area filter.
    static func decodeSquare(
        _ bytes: [UInt8], side: Int, maxPixels: Int = defaultMaxPixels
    ) throws(ImageCodecError) -> SquareImage {
        guard side > 0, side <= 16_384 else {
            throw ImageCodecError(code: .internal, message: "invalid argument: the side must be 1 to 16384")
        }
        var width: Int32 = 0
        var height: Int32 = 0
        var message = [CChar](repeating: 0, count: messageCapacity)
        var rgb = [UInt8](repeating: 0, count: side * side * 3)
        let status = bytes.withUnsafeBufferPointer { buffer in
            rgb.withUnsafeMutableBufferPointer { output in
                aic_decode_rgb(
                    buffer.baseAddress, buffer.count, Int32(side), Int64(maxPixels), output.baseAddress, &width,
                    &height, &message, messageCapacity
                )
            }
        }
        try check(status, message)
        return SquareImage(rgb: rgb, side: side, originalSize: Size(width: Int(width), height: Int(height)))
    }

    /// Encodes packed 8-bit RGB (`width × height × 3` bytes) as a baseline JPEG of the given quality (1–100).
    static func encodeJPEG(rgb: [UInt8], width: Int, height: Int, quality: Int) throws(ImageCodecError) -> [UInt8] {
        guard width > 0, height > 0, width <= 65_500, height <= 65_500, rgb.count == width * height * 3,
            (1...100).contains(quality)
        else {
            throw ImageCodecError(
                code: .internal, message: "invalid argument: \(rgb.count) bytes for a \(width)×\(height) RGB image"
            )
        }
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: messageCapacity)
        let status = rgb.withUnsafeBufferPointer { pixels in
            aic_encode_jpeg(
                pixels.baseAddress, Int32(width), Int32(height), Int32(quality), &output, &length, &message,
                messageCapacity
            )
        }
        defer { aic_free(output) }
        try check(status, message)
        guard let output else { throw ImageCodecError(code: .internal, message: "the JPEG encoder returned nothing") }
        return Array(UnsafeBufferPointer(start: output, count: length))
    }

    private static func check(_ status: Int32, _ message: [CChar]) throws(ImageCodecError) {
        guard status != 0 else { return }
        let text = message.withUnsafeBufferPointer { buffer in
            String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        throw ImageCodecError(code: ImageCodecError.Code(returnValue: status), message: text)
    }
}
