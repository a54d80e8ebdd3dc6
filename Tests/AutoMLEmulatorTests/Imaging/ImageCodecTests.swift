import Testing

@testable import AutoMLEmulator

@Suite("ImageCodec")
struct ImageCodecTests {
    private static func solid(width: Int, height: Int, _ color: (UInt8, UInt8, UInt8)) -> [UInt8] {
        Array([[UInt8]](repeating: [color.0, color.1, color.2], count: width * height).joined())
    }

    private static func expectClose(
        _ rgb: [UInt8], to color: (UInt8, UInt8, UInt8), within tolerance: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let expected = [color.0, color.1, color.2]
        let worst = rgb.indices.map { abs(Int(rgb[$0]) - Int(expected[$0 % 3])) }.max() ?? 0
        #expect(worst <= tolerance, "off by up to \(worst)", sourceLocation: sourceLocation)
    }

    private static func failure(_ body: () throws(ImageCodecError) -> Void) -> ImageCodecError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    @Test("a JPEG round trip keeps a solid colour and the original size")
    func jpegRoundTrip() throws {
        let jpeg = try ImageCodec.encodeJPEG(
            rgb: Self.solid(width: 50, height: 30, (200, 40, 90)), width: 50, height: 30, quality: 95
        )
        #expect(jpeg.starts(with: [0xFF, 0xD8, 0xFF]))
        #expect(try ImageCodec.validate(jpeg) == ImageCodec.Size(width: 50, height: 30))
        let square = try ImageCodec.decodeSquare(jpeg, side: 8)
        #expect(square.originalSize == ImageCodec.Size(width: 50, height: 30))
        #expect(square.rgb.count == 8 * 8 * 3)
        Self.expectClose(square.rgb, to: (200, 40, 90), within: 6)
    }

    @Test("a large JPEG is scaled down to the square (DCT scaling, then the area filter)")
    func largeJPEG() throws {
        let jpeg = try ImageCodec.encodeJPEG(
            rgb: Self.solid(width: 1_000, height: 600, (20, 120, 240)), width: 1_000, height: 600, quality: 90
        )
        let square = try ImageCodec.decodeSquare(jpeg, side: 64)
        #expect(square.originalSize == ImageCodec.Size(width: 1_000, height: 600))
        Self.expectClose(square.rgb, to: (20, 120, 240), within: 6)
    }

    @Test("a truncated JPEG is corrupt, for validation and decoding alike")
    func truncatedJPEG() throws {
        var pixels: [UInt8] = []
        for index in 0..<(128 * 128) { pixels += [UInt8(index % 251), UInt8(index % 127), UInt8(index % 61)] }
        let jpeg = try ImageCodec.encodeJPEG(rgb: pixels, width: 128, height: 128, quality: 90)
        let truncated = Array(jpeg.prefix(jpeg.count / 2))
        let validation = Self.failure { () throws(ImageCodecError) in _ = try ImageCodec.validate(truncated) }
        #expect(validation?.code == .corrupt)
        #expect(validation?.message == "JPEG data is truncated or corrupt: Premature end of JPEG file")
        let decoding = Self.failure { () throws(ImageCodecError) in _ = try ImageCodec.decodeSquare(truncated, side: 16)
        }
        #expect(decoding?.code == .corrupt)
        #expect(decoding?.message.hasPrefix("JPEG data is truncated or corrupt: ") == true)
        // Only the last byte (half of the EOI marker) missing is still a truncation.
        let almost = Array(jpeg.dropLast())
        #expect(Self.failure { () throws(ImageCodecError) in _ = try ImageCodec.validate(almost) }?.code == .corrupt)
    }

    @Test("a PNG decodes exactly, and the area filter averages each half")
    func pngHalves() throws {
        let png = PNGBuilder.rgb(width: 64, height: 32) { x, _ in x < 32 ? (250, 10, 10) : (10, 10, 250) }
        #expect(try ImageCodec.validate(png) == ImageCodec.Size(width: 64, height: 32))
        let square = try ImageCodec.decodeSquare(png, side: 2)
        #expect(square.rgb == [250, 10, 10, 10, 10, 250, 250, 10, 10, 10, 10, 250])
        let one = try ImageCodec.decodeSquare(png, side: 1)
        #expect(one.rgb == [130, 10, 130])
    }

    @Test("a 1×1 PNG is stretched to the square")
    func tinyPNG() throws {
        let png = PNGBuilder.rgb(width: 1, height: 1) { _, _ in (1, 2, 3) }
        let square = try ImageCodec.decodeSquare(png, side: 3)
        #expect(square.rgb == Array([[UInt8]](repeating: [1, 2, 3], count: 9).joined()))
    }

    @Test("a PNG with a damaged IDAT or cut short is corrupt, with libpng's reason")
    func corruptPNG() throws {
        let png = PNGBuilder.rgb(width: 8, height: 8) { x, y in (UInt8(x * 30), UInt8(y * 30), 7) }
        var damaged = png
        damaged[60] ^= 0xFF  // inside the IDAT data: the chunk's CRC no longer matches
        let crc = Self.failure { () throws(ImageCodecError) in _ = try ImageCodec.validate(damaged) }
        #expect(crc?.code == .corrupt)
        #expect(crc?.message.hasPrefix("PNG is corrupt: ") == true, "\(crc?.message ?? "")")
        let cut = Array(png.prefix(png.count - 30))
        let short = Self.failure { () throws(ImageCodecError) in _ = try ImageCodec.decodeSquare(cut, side: 4) }
        #expect(short?.code == .corrupt)
        #expect(short?.message.hasPrefix("PNG is corrupt: ") == true, "\(short?.message ?? "")")
    }

    @Test("a declared size over the cap is refused as too large, with both sides in the message")
    func overTheCap() throws {
        let png = ImageFixtures.png(width: 20_000, height: 20_000)
        let error = Self.failure { () throws(ImageCodecError) in _ = try ImageCodec.validate(png) }
        #expect(error?.code == .tooLarge)
        #expect(error?.message == "image is 20000×20000 pixels; the limit is 40000000")
        let small = PNGBuilder.rgb(width: 10, height: 10) { _, _ in (0, 0, 0) }
        let capped = Self.failure { () throws(ImageCodecError) in
            _ = try ImageCodec.decodeSquare(small, side: 4, maxPixels: 99)
        }
        #expect(capped?.code == .tooLarge)
        #expect(capped?.message == "image is 10×10 pixels; the limit is 99")
    }

    @Test("bytes that are neither JPEG nor PNG are unsupported")
    func unsupported() {
        let gif = Array("GIF89a".utf8) + [UInt8](repeating: 0, count: 20)
        let error = Self.failure { () throws(ImageCodecError) in _ = try ImageCodec.validate(gif) }
        #expect(error?.code == .unsupported)
        #expect(error?.message == "not a JPEG or PNG image")
        let empty = Self.failure { () throws(ImageCodecError) in _ = try ImageCodec.decodeSquare([], side: 4) }
        #expect(empty?.code == .unsupported)
        #expect(empty?.message == "the image is empty")
    }

    @Test("a JPEG signature followed by garbage is corrupt, not a crash")
    func garbageAfterSignature() {
        var generator = SplitMix64(seed: 42)
        let bytes: [UInt8] = [0xFF, 0xD8, 0xFF] + (0..<2_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let error = Self.failure { () throws(ImageCodecError) in _ = try ImageCodec.decodeSquare(bytes, side: 8) }
        #expect(error?.code == .corrupt)
        #expect(error?.message.hasPrefix("JPEG header is corrupt: ") == true, "\(error?.message ?? "")")
    }
}
