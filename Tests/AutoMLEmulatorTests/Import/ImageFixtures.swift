@testable import AutoMLEmulator

/// Minimal image headers built byte by byte, for ``ImageProbe`` tests.
enum ImageFixtures {
    static func be16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
    static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    static func be32(_ value: Int) -> [UInt8] { be16(value >> 16) + be16(value) }
    static func le32(_ value: Int) -> [UInt8] { le16(value) + le16(value >> 16) }
    static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    // MARK: JPEG

    static let soi: [UInt8] = [0xFF, 0xD8]
    static let eoi: [UInt8] = [0xFF, 0xD9]

    /// A marker segment: `FF marker`, a big-endian length that counts itself, then `payload`.
    static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [0xFF, marker] + be16(payload.count + 2) + payload
    }

    static let app0 = segment(0xE0, ascii("JFIF") + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
    /// A DHT segment (0xC4), which lies inside the SOF range and must be skipped.
    static let dht = segment(0xC4, [0x00] + Array(repeating: 0, count: 16))

    static func sof(_ marker: UInt8 = 0xC0, width: Int, height: Int) -> [UInt8] {
        segment(marker, [8] + be16(height) + be16(width) + [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1])
    }

    static let sos = segment(0xDA, [1, 1, 0, 0, 0x3F, 0]) + [0x12, 0x34]

    static func jpeg(width: Int, height: Int, sofMarker: UInt8 = 0xC0) -> [UInt8] {
        soi + app0 + dht + sof(sofMarker, width: width, height: height) + sos + eoi
    }

    // MARK: PNG

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func chunk(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        let typed = ascii(type) + payload
        return be32(payload.count) + typed + be32(Int(ImageProbe.crc32(typed)))
    }

    static func ihdr(width: Int, height: Int, bitDepth: UInt8 = 8, colorType: UInt8 = 6) -> [UInt8] {
        be32(width) + be32(height) + [bitDepth, colorType, 0, 0, 0]
    }

    static func png(width: Int, height: Int) -> [UInt8] {
        pngSignature + chunk("IHDR", ihdr(width: width, height: height)) + chunk("IDAT", [0x78, 0x9C])
            + chunk("IEND", [])
    }

    // MARK: GIF, BMP, ICO

    static func gif(width: Int, height: Int, version: String = "89a") -> [UInt8] {
        ascii("GIF" + version) + le16(width) + le16(height) + [0xF7, 0, 0] + [0x3B]
    }

    /// A BMP with a 40-byte BITMAPINFOHEADER.
    static func bmp(width: Int, height: Int, headerSize: Int = 40) -> [UInt8] {
        let info =
            le32(headerSize) + le32(width) + le32(height) + le16(1) + le16(24)
            + Array(repeating: 0, count: headerSize - 16)
        return ascii("BM") + le32(14 + info.count) + [0, 0, 0, 0] + le32(14 + info.count) + info
    }

    /// A BMP with a 12-byte BITMAPCOREHEADER (unsigned 16-bit sizes).
    static func bmpCore(width: Int, height: Int) -> [UInt8] {
        let info = le32(12) + le16(width) + le16(height) + le16(1) + le16(24)
        return ascii("BM") + le32(26) + [0, 0, 0, 0] + le32(26) + info
    }

    /// An ICO directory; a size of 256 is stored as 0.
    static func ico(_ sizes: [(Int, Int)]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 1, 0] + le16(sizes.count)
        for (width, height) in sizes {
            bytes += [UInt8(width % 256), UInt8(height % 256), 0, 0] + le16(1) + le16(32) + le32(40)
            bytes += le32(6 + 16 * sizes.count)
        }
        return bytes
    }

    // MARK: WebP

    static func riff(_ chunkType: String, _ payload: [UInt8]) -> [UInt8] {
        let body = ascii("WEBP") + ascii(chunkType) + le32(payload.count) + payload
        return ascii("RIFF") + le32(body.count) + body
    }

    static func webpLossy(width: Int, height: Int) -> [UInt8] {
        riff("VP8 ", [0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A] + le16(width) + le16(height) + [0, 0])
    }

    static func webpLossless(width: Int, height: Int) -> [UInt8] {
        let bits = (width - 1) | (height - 1) << 14
        return riff("VP8L", [0x2F] + le32(bits) + [0, 0, 0])
    }

    static func webpExtended(width: Int, height: Int) -> [UInt8] {
        let w = width - 1
        let h = height - 1
        return riff(
            "VP8X",
            [
                0x10, 0, 0, 0, UInt8(w & 0xFF), UInt8(w >> 8 & 0xFF), UInt8(w >> 16 & 0xFF),
                UInt8(h & 0xFF), UInt8(h >> 8 & 0xFF), UInt8(h >> 16 & 0xFF),
            ])
    }

    // MARK: TIFF

    /// A TIFF whose first IFD holds `entries` of (tag, type, value).
    static func tiff(bigEndian: Bool, entries: [(tag: Int, type: Int, value: Int)]) -> [UInt8] {
        let u16 = bigEndian ? be16 : le16
        let u32 = bigEndian ? be32 : le32
        var bytes = (bigEndian ? ascii("MM") : ascii("II")) + u16(42) + u32(8) + u16(entries.count)
        for entry in entries {
            let value = entry.type == 3 ? u16(entry.value) + [0, 0] : u32(entry.value)
            bytes += u16(entry.tag) + u16(entry.type) + u32(1) + value
        }
        return bytes + u32(0)
    }
}
