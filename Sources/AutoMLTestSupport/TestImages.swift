package import Foundation

/// Small, fully valid image files for tests, made without any image library.
package enum TestImages {
    /// An RGB PNG filled by `pixel(x, y)` (stored zlib blocks: valid for any decoder, not compact).
    package static func png(width: Int, height: Int, pixel: (Int, Int) -> (UInt8, UInt8, UInt8)) -> Data {
        var raw: [UInt8] = []
        raw.reserveCapacity(height * (1 + width * 3))
        for y in 0..<height {
            raw.append(0)  // filter: none
            for x in 0..<width {
                let (r, g, b) = pixel(x, y)
                raw += [r, g, b]
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8-bit, truecolour, deflate, adaptive filtering, no interlace
        png += chunk("IHDR", header)
        png += chunk("IDAT", zlibStored(raw))
        png += chunk("IEND", [])
        return Data(png)
    }

    /// A solid-colour PNG.
    package static func png(width: Int = 16, height: Int = 16, color: (UInt8, UInt8, UInt8)) -> Data {
        png(width: width, height: height) { _, _ in color }
    }

    /// Writes `count` distinct PNGs per label under `directory/bucket` and a classification CSV naming them
    /// as `gs://bucket/...`, split over TRAIN/VALIDATION/TEST (8:1:1 by position); returns the CSV's URI.
    @discardableResult
    package static func classificationDataset(
        in gcsRoot: URL, bucket: String = "data", labels: [String],
        perLabel count: Int, csvName: String = "import.csv"
    ) throws -> String {
        let folder = gcsRoot.appendingPathComponent(bucket)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var rows: [String] = []
        for (labelIndex, label) in labels.enumerated() {
            for index in 0..<count {
                let name = "\(label)_\(index).png"
                let shade = UInt8(truncatingIfNeeded: 40 + index * 7)
                let data = png(width: 16, height: 16) { x, y in
                    labelIndex % 2 == 0
                        ? (shade, UInt8(truncatingIfNeeded: x * 8), 0)
                        : (0, UInt8(truncatingIfNeeded: y * 8), shade)
                }
                try data.write(to: folder.appendingPathComponent(name))
                let split = index % 10 == 8 ? "VALIDATION" : index % 10 == 9 ? "TEST" : "TRAIN"
                rows.append("\(split),gs://\(bucket)/\(name),\(label)")
            }
        }
        try (rows.joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent(csvName), atomically: true,
            encoding: .utf8)
        return "gs://\(bucket)/\(csvName)"
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(crc32(typeBytes + data))
    }

    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let final: UInt8 = offset + length >= data.count ? 1 : 0
            out.append(final)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset..<offset + length]
            offset += length
        } while offset < data.count
        return out + bigEndian(adler32(data))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }
}
