extension ImageProbe {
    /// Walks the JPEG markers from SOI to the first frame header (SOF0–SOF15 except DHT, JPG and DAC).
    ///
    /// Reaching the end of the data, EOI, or the start of scan data before a frame header is a corrupt header; a
    /// segment whose declared length runs past the end of the data is truncation.
    static func jpegDimensions(_ reader: ImageByteReader) throws -> (Int, Int) {
        var offset = 2
        while true {
            guard offset < reader.count else {
                throw ImageProbeError.corrupt(.jpeg, "no SOF marker before the data ends")
            }
            guard reader[offset] == 0xFF else {
                throw ImageProbeError.corrupt(
                    .jpeg, "expected a marker at byte \(offset), found 0x\(String(reader[offset], radix: 16))"
                )
            }
            // Any number of 0xFF fill bytes may precede a marker code.
            while offset < reader.count, reader[offset] == 0xFF { offset += 1 }
            guard offset < reader.count else {
                throw ImageProbeError.corrupt(.jpeg, "no SOF marker before the data ends")
            }
            let marker = reader[offset]
            offset += 1
            switch marker {
            case 0x01, 0xD0...0xD7:
                continue  // TEM and RSTn stand alone, with no length.
            case 0xD9:
                throw ImageProbeError.corrupt(.jpeg, "end of image (EOI) before any SOF marker")
            case 0xDA:
                throw ImageProbeError.corrupt(.jpeg, "scan data (SOS) before any SOF marker")
            case 0x00, 0xD8:
                throw ImageProbeError.corrupt(.jpeg, "unexpected marker 0xFF\(hexByte(marker)) at byte \(offset - 2)")
            default:
                break
            }
            let length = try reader.u16(at: offset, bigEndian: true, "the length of marker 0xFF\(hexByte(marker))")
            guard length >= 2 else {
                throw ImageProbeError.corrupt(.jpeg, "marker 0xFF\(hexByte(marker)) has length \(length)")
            }
            if isStartOfFrame(marker) {
                guard length >= 8 else {
                    throw ImageProbeError.corrupt(.jpeg, "the SOF segment is \(length) bytes, too short")
                }
                let height = try reader.u16(at: offset + 3, bigEndian: true, "the SOF segment")
                let width = try reader.u16(at: offset + 5, bigEndian: true, "the SOF segment")
                let components = try reader.u8(at: offset + 7, "the SOF segment")
                guard components > 0 else {
                    throw ImageProbeError.corrupt(.jpeg, "the SOF segment declares no colour components")
                }
                return (width, height)
            }
            try reader.require(offset, length, "the segment of marker 0xFF\(hexByte(marker))")
            offset += length
        }
    }

    /// SOF0–SOF15 (0xC0–0xCF) except DHT (0xC4), JPG (0xC8) and DAC (0xCC).
    static func isStartOfFrame(_ marker: UInt8) -> Bool {
        (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
