@testable import AutoMLEmulator

/// Real, decodable PNGs built byte by byte: 8-bit RGB, one IDAT of stored (uncompressed) deflate blocks.
enum PNGBuilder {
    /// A PNG of `width × height` pixels whose colour at (x, y) is `color(x, y)`.
    static func rgb(width: Int, height: Int, _ color: (Int, Int) -> (UInt8, UInt8, UInt8)) -> [UInt8] {
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0)  // filter type None
            for x in 0..<width {
                let (red, green, blue) = color(x, y)
                raw += [red, green, blue]
            }
        }
        let header = ImageFixtures.ihdr(width: width, height: height, bitDepth: 8, colorType: 2)
        return ImageFixtures.pngSignature + ImageFixtures.chunk("IHDR", header)
            + ImageFixtures.chunk("IDAT", zlibStored(raw)) + ImageFixtures.chunk("IEND", [])
    }

    /// A zlib stream of stored deflate blocks (at most 65,535 bytes each) and its Adler-32.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var stream: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let isLast: UInt8 = offset + count == data.count ? 1 : 0
            stream += [isLast] + ImageFixtures.le16(count) + ImageFixtures.le16(~count & 0xFFFF)
            stream += data[offset..<offset + count]
            offset += count
        } while offset < data.count
        var (a, b): (UInt32, UInt32) = (1, 0)
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return stream + ImageFixtures.be32(Int(b << 16 | a))
    }
}
