import Foundation

/// Bounds-checked reads of fixed-width integers from image bytes, at offsets from the start of the data.
///
/// Every read throws ``ImageProbeError`` `.truncated` (naming `what` is being read) when it runs past the end.
struct ImageByteReader {
    /// The image bytes; may be a slice with a non-zero start index.
    let data: Data
    /// The format being read, for error messages.
    let format: ImageFormat

    /// The number of bytes.
    var count: Int { data.count }

    /// Whether `length` bytes starting at `offset` are present.
    func has(_ offset: Int, _ length: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= data.count - length
    }

    /// Throws `.truncated` unless `length` bytes at `offset` are present.
    func require(_ offset: Int, _ length: Int, _ what: String) throws {
        guard has(offset, length) else { throw ImageProbeError.truncated(format, what) }
    }

    /// The byte at `offset`, which the caller has checked is present.
    subscript(offset: Int) -> UInt8 { data[data.startIndex + offset] }

    /// Whether the bytes at `offset` equal `expected`.
    func matches(_ expected: [UInt8], at offset: Int) -> Bool {
        guard has(offset, expected.count) else { return false }
        return expected.indices.allSatisfy { self[offset + $0] == expected[$0] }
    }

    /// The four bytes at `offset` as ASCII text (a chunk or box type).
    func fourCC(at offset: Int, _ what: String) throws -> String {
        try require(offset, 4, what)
        return String(decoding: (0..<4).map { self[offset + $0] }, as: UTF8.self)
    }

    /// The byte at `offset`.
    func u8(at offset: Int, _ what: String) throws -> Int {
        try require(offset, 1, what)
        return Int(self[offset])
    }

    /// The unsigned 16-bit value at `offset`, in the given byte order.
    func u16(at offset: Int, bigEndian: Bool, _ what: String) throws -> Int {
        try require(offset, 2, what)
        let (first, second) = (Int(self[offset]), Int(self[offset + 1]))
        return bigEndian ? first << 8 | second : second << 8 | first
    }

    /// The unsigned little-endian 24-bit value at `offset`.
    func u24le(at offset: Int, _ what: String) throws -> Int {
        try require(offset, 3, what)
        return Int(self[offset]) | Int(self[offset + 1]) << 8 | Int(self[offset + 2]) << 16
    }

    /// The unsigned 32-bit value at `offset`, in the given byte order.
    func u32(at offset: Int, bigEndian: Bool, _ what: String) throws -> Int {
        try require(offset, 4, what)
        let bytes = (0..<4).map { Int(self[offset + $0]) }
        return bigEndian
            ? bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]
            : bytes[3] << 24 | bytes[2] << 16 | bytes[1] << 8 | bytes[0]
    }

    /// A little-endian two's-complement 32-bit value.
    func i32le(at offset: Int, _ what: String) throws -> Int {
        Int(Int32(truncatingIfNeeded: UInt32(try u32(at: offset, bigEndian: false, what))))
    }
}
