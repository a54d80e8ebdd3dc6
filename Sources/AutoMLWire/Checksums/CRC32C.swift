package import Foundation

/// CRC-32C (Castagnoli), the checksum Cloud Storage keeps for every object (`crc32c`, the big-endian 4 bytes in
/// base64): polynomial 0x1EDC6F41, reflected (0x82F63B78), initial and final XOR 0xFFFFFFFF. Table-driven, eight
/// bytes per step ("slicing by 8"). `"hello world"` gives 0xC99465AA (`yZRlqg==`).
package struct CRC32C: Sendable {
    private var state: UInt32 = 0xFFFF_FFFF

    package init() {}

    /// Adds bytes to the checksum.
    package mutating func update(_ bytes: some Sequence<UInt8>) {
        var crc = state
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            crc = Self.tables[0][Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        state = crc
    }

    /// Adds a contiguous buffer, eight bytes at a time.
    package mutating func update(_ buffer: UnsafeRawBufferPointer) {
        var crc = state
        var index = 0
        let count = buffer.count
        let tables = Self.tables
        while count - index >= 8 {
            let low =
                crc
                ^ (UInt32(buffer[index]) | UInt32(buffer[index + 1]) << 8 | UInt32(buffer[index + 2]) << 16
                    | UInt32(buffer[index + 3]) << 24)
            crc =
                tables[7][Int(low & 0xFF)] ^ tables[6][Int((low >> 8) & 0xFF)]
                ^ tables[5][Int((low >> 16) & 0xFF)] ^ tables[4][Int(low >> 24)]
                ^ tables[3][Int(buffer[index + 4])] ^ tables[2][Int(buffer[index + 5])]
                ^ tables[1][Int(buffer[index + 6])] ^ tables[0][Int(buffer[index + 7])]
            index += 8
        }
        while index < count {
            crc = tables[0][Int((crc ^ UInt32(buffer[index])) & 0xFF)] ^ (crc >> 8)
            index += 1
        }
        state = crc
    }

    /// The checksum of what was added.
    package var value: UInt32 { state ^ 0xFFFF_FFFF }

    /// The checksum as Cloud Storage writes it: the four bytes big-endian, in base64.
    package var base64: String {
        let value = value
        return Data([UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)])
            .base64EncodedString()
    }

    /// The checksum of `bytes`, in Cloud Storage's base64 form.
    package static func base64(of bytes: [UInt8]) -> String {
        var checksum = CRC32C()
        bytes.withUnsafeBytes { checksum.update($0) }
        return checksum.base64
    }

    /// `tables[0]` is the byte table; `tables[k]` advances a byte k more positions.
    private static let tables: [[UInt32]] = {
        var tables = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 8)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            tables[0][byte] = crc
        }
        for table in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[table - 1][byte]
                tables[table][byte] = tables[0][Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return tables
    }()
}
