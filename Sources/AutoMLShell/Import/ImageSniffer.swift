import Foundation

/// Tells, from a file's first and last bytes, whether it can be an image AutoML reads, before it is uploaded: the
/// formats Vision accepts (JPEG, PNG, GIF, BMP, WEBP, TIFF, ICO) by their signatures, and JPEG and PNG files that end
/// before their end marker (cut off by a copy that stopped). It does not decode: a file that passes can still fail
/// the import, which then says which row failed.
enum ImageSniffer {
    /// The largest image AutoML Vision accepts (30 MB).
    static let maxBytes = 30_000_000

    /// Why the file cannot be imported, or nil when it looks like an image.
    static func problem(with file: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: file) else {
            return FileManager.default.fileExists(atPath: file.path) ? "cannot be read" : "no such file"
        }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return "cannot be read" }
        if size == 0 { return "empty" }
        if size > UInt64(maxBytes) { return "larger than AutoML's 30 MB limit for an image" }
        guard (try? handle.seek(toOffset: 0)) != nil, let head = try? handle.read(upToCount: 16) else {
            return "cannot be read"
        }
        let tailLength = min(size, 4096)
        guard (try? handle.seek(toOffset: size - tailLength)) != nil,
            let tail = try? handle.read(upToCount: Int(tailLength))
        else { return "cannot be read" }
        return problem(head: [UInt8](head), tail: [UInt8](tail))
    }

    /// Why bytes that start with `head` and end with `tail` are no image AutoML reads; nil when they look like one.
    static func problem(head: [UInt8], tail: [UInt8]) -> String? {
        switch format(of: head) {
        case "JPEG":
            return tail.firstRange(of: [0xFF, 0xD9]) == nil ? "a JPEG cut short (no end-of-image marker)" : nil
        case "PNG":
            return tail.firstRange(of: Array("IEND".utf8)) == nil ? "a PNG cut short (no IEND chunk)" : nil
        case .some:
            return nil
        case nil:
            let text = head.allSatisfy { $0 == 9 || $0 == 10 || $0 == 13 || (32..<127).contains($0) }
            return text
                ? "a text file, not an image" : "not an image (no JPEG, PNG, GIF, BMP, WEBP, TIFF or ICO signature)"
        }
    }

    /// The format a file's first bytes announce.
    static func format(of head: [UInt8]) -> String? {
        func starts(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + bytes.count && Array(head[offset..<(offset + bytes.count)]) == bytes
        }
        if starts([0xFF, 0xD8, 0xFF]) { return "JPEG" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "PNG" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "GIF" }
        if starts(Array("BM".utf8)) { return "BMP" }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return "WEBP" }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return "TIFF" }
        if starts([0x00, 0x00, 0x01, 0x00]) { return "ICO" }
        return nil
    }

    /// The content type of an image's upload, from its signature.
    static func contentType(of head: [UInt8]) -> String {
        switch format(of: head) {
        case "JPEG": "image/jpeg"
        case "PNG": "image/png"
        case "GIF": "image/gif"
        case "BMP": "image/bmp"
        case "WEBP": "image/webp"
        case "TIFF": "image/tiff"
        case "ICO": "image/x-icon"
        default: "application/octet-stream"
        }
    }
}
