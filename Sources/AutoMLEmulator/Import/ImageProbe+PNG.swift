extension ImageProbe {
    /// Reads the IHDR chunk that must follow the PNG signature, checking its length, CRC and field values.
    static func pngDimensions(_ reader: ImageByteReader) throws -> (Int, Int) {
        let chunkType = try reader.fourCC(at: 12, "the first chunk header")
        guard chunkType == "IHDR" else {
            throw ImageProbeError.corrupt(.png, "the first chunk is \"\(chunkType)\", not IHDR")
        }
        let length = try reader.u32(at: 8, bigEndian: true, "the first chunk header")
        guard length == 13 else {
            throw ImageProbeError.corrupt(.png, "the IHDR chunk is \(length) bytes, not 13")
        }
        try reader.require(8, 4 + 4 + 13 + 4, "the IHDR chunk")
        let storedCRC = try reader.u32(at: 29, bigEndian: true, "the IHDR chunk")
        let computedCRC = crc32((12..<29).map { reader[$0] })
        guard storedCRC == Int(computedCRC) else {
            throw ImageProbeError.corrupt(.png, "the IHDR chunk fails its CRC check")
        }
        let width = try reader.u32(at: 16, bigEndian: true, "the IHDR chunk")
        let height = try reader.u32(at: 20, bigEndian: true, "the IHDR chunk")
        guard width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw ImageProbeError.corrupt(.png, "IHDR declares \(width)×\(height) pixels, beyond 2^31-1")
        }
        let bitDepth = reader[24]
        let colorType = reader[25]
        let allowedDepths: [UInt8: Set<UInt8>] = [
            0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16],
        ]
        guard let depths = allowedDepths[colorType], depths.contains(bitDepth) else {
            throw ImageProbeError.corrupt(.png, "IHDR has colour type \(colorType) with bit depth \(bitDepth)")
        }
        guard reader[26] == 0, reader[27] == 0, reader[28] <= 1 else {
            throw ImageProbeError.corrupt(.png, "IHDR has an unknown compression, filter or interlace method")
        }
        return (width, height)
    }

    /// The CRC-32 (ISO 3309, as PNG uses it) of `bytes`, computed bitwise; IHDR is only 17 bytes.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
            }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
