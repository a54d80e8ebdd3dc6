import CImageCodec
import Foundation

/// A grid of small pictures in one JPEG: `evaluation errors` draws the images a model got wrong, numbered as its
/// table is, left to right and top to bottom.
struct ContactSheet {
    /// Each picture's side in pixels, the gap between them, and the pictures on a row at most.
    static let tile = 128
    static let gap = 6
    static let columns = 6

    /// The pictures, as image files (JPEG or PNG); nil for one that could not be read (drawn as a grey square).
    var images: [Data?]

    /// The sheet's width and height in pixels.
    var size: (width: Int, height: Int) {
        let columns = min(Self.columns, max(1, images.count))
        let rows = max(1, (images.count + columns - 1) / columns)
        return (columns * (Self.tile + Self.gap) + Self.gap, rows * (Self.tile + Self.gap) + Self.gap)
    }

    /// The sheet as RGB pixels (HWC, 8-bit), each picture stretched to a square with a red frame.
    func pixels() -> [UInt8] {
        let (width, height) = size
        var canvas = [UInt8](repeating: 24, count: width * height * 3)
        let columns = min(Self.columns, max(1, images.count))
        for (index, image) in images.enumerated() {
            let left = Self.gap + (index % columns) * (Self.tile + Self.gap)
            let top = Self.gap + (index / columns) * (Self.tile + Self.gap)
            let tile = image.flatMap(Self.decode) ?? [UInt8](repeating: 96, count: Self.tile * Self.tile * 3)
            for y in 0..<Self.tile {
                for x in 0..<Self.tile {
                    let frame = x < 3 || y < 3 || x >= Self.tile - 3 || y >= Self.tile - 3
                    let source = (y * Self.tile + x) * 3
                    let target = ((top + y) * width + left + x) * 3
                    canvas[target] = frame ? 220 : tile[source]
                    canvas[target + 1] = frame ? 40 : tile[source + 1]
                    canvas[target + 2] = frame ? 40 : tile[source + 2]
                }
            }
        }
        return canvas
    }

    /// The sheet as a JPEG file.
    func jpeg(quality: Int32 = 88) throws -> Data {
        let (width, height) = size
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = pixels().withUnsafeBufferPointer { rgb in
            aic_encode_jpeg(
                rgb.baseAddress, Int32(width), Int32(height), quality, &output, &length, &message, message.count)
        }
        guard status == AIC_OK, let output else {
            throw ShellError(
                "could not write the contact sheet: \(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))"
            )
        }
        defer { aic_free(output) }
        return Data(bytes: output, count: length)
    }

    /// An image file stretched to a tile; nil when it does not decode.
    private static func decode(_ data: Data) -> [UInt8]? {
        var pixels = [UInt8](repeating: 0, count: tile * tile * 3)
        var message = [CChar](repeating: 0, count: 256)
        let status = data.withUnsafeBytes { bytes in
            pixels.withUnsafeMutableBufferPointer { out in
                aic_decode_rgb(
                    bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, Int32(tile), 50_000_000, out.baseAddress,
                    nil, nil, &message, message.count)
            }
        }
        return status == AIC_OK ? pixels : nil
    }
}
