internal import CImageCodec
import Foundation

/// Reads image files and decodes them to `size × size` RGB with the image codec.
struct ImageDecoder: Sendable {
    /// Larger images are refused before any pixel is allocated.
    static let maximumPixels: Int64 = 40_000_000

    var size: Int

    /// The pixels of one image file, or a message saying why it cannot be used.
    func decode(file path: String) -> Result<[UInt8], DecodeFailure> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(DecodeFailure(message: "cannot read \(path)"))
        }
        return decode(bytes: data)
    }

    func decode(bytes data: Data) -> Result<[UInt8], DecodeFailure> {
        var pixels = [UInt8](repeating: 0, count: size * size * 3)
        var message = [CChar](repeating: 0, count: 256)
        let code = data.withUnsafeBytes { raw in
            pixels.withUnsafeMutableBufferPointer { out in
                aic_decode_rgb(
                    raw.bindMemory(to: UInt8.self).baseAddress, raw.count, Int32(size), Self.maximumPixels,
                    out.baseAddress, nil, nil, &message, message.count)
            }
        }
        guard code == 0 else {
            return .failure(
                DecodeFailure(
                    message: String(
                        decoding: message.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)),
                        as: UTF8.self)))
        }
        return .success(pixels)
    }

    /// Decodes many files on every core; results in the order of `paths`.
    func decodeAll(_ paths: [String]) -> [Result<[UInt8], DecodeFailure>] {
        let results = UnsafeMutableBufferPointer<Result<[UInt8], DecodeFailure>?>.allocate(capacity: paths.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            slots[index] = decode(file: paths[index])
        }
        return results.map { $0 ?? .failure(DecodeFailure(message: "not decoded")) }
    }
}

struct DecodeFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
