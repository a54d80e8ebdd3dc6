extension ImageProbe {
    /// The logical screen width and height of a GIF (the 13-byte header must be complete).
    static func gifDimensions(_ reader: ImageByteReader) throws -> (Int, Int) {
        try reader.require(0, 13, "the logical screen descriptor")
        return (
            try reader.u16(at: 6, bigEndian: false, "the logical screen descriptor"),
            try reader.u16(at: 8, bigEndian: false, "the logical screen descriptor")
        )
    }

    /// The size from a BMP's DIB header: BITMAPCOREHEADER (12 bytes, unsigned 16-bit sizes) or the
    /// BITMAPINFOHEADER family (signed 32-bit sizes; a negative height means the rows are stored top-down).
    static func bmpDimensions(_ reader: ImageByteReader) throws -> (Int, Int) {
        let headerSize = try reader.u32(at: 14, bigEndian: false, "the DIB header")
        let width: Int
        let height: Int
        let planes: Int
        switch headerSize {
        case 12:
            try reader.require(14, 12, "the BITMAPCOREHEADER")
            width = try reader.u16(at: 18, bigEndian: false, "the BITMAPCOREHEADER")
            height = try reader.u16(at: 20, bigEndian: false, "the BITMAPCOREHEADER")
            planes = try reader.u16(at: 22, bigEndian: false, "the BITMAPCOREHEADER")
        case 16, 40, 52, 56, 64, 108, 124:
            try reader.require(14, 16, "the BITMAPINFOHEADER")
            width = try reader.i32le(at: 18, "the BITMAPINFOHEADER")
            let rawHeight = try reader.i32le(at: 22, "the BITMAPINFOHEADER")
            guard width >= 0, rawHeight != Int(Int32.min) else {
                throw ImageProbeError.corrupt(.bmp, "the DIB header declares \(width)×\(rawHeight) pixels")
            }
            height = abs(rawHeight)
            planes = try reader.u16(at: 26, bigEndian: false, "the BITMAPINFOHEADER")
        default:
            throw ImageProbeError.corrupt(.bmp, "unknown DIB header size \(headerSize)")
        }
        guard planes == 1 else {
            throw ImageProbeError.corrupt(.bmp, "the DIB header declares \(planes) colour planes, not 1")
        }
        return (width, height)
    }

    /// The size of the largest image in an ICO directory (a stored 0 means 256 pixels).
    static func icoDimensions(_ reader: ImageByteReader) throws -> (Int, Int) {
        let count = try reader.u16(at: 4, bigEndian: false, "the icon directory header")
        guard count > 0 else {
            throw ImageProbeError.corrupt(.ico, "the icon directory has no images")
        }
        try reader.require(6, count * 16, "the icon directory (\(count) entries)")
        var best = (0, 0)
        for index in 0..<count {
            let entry = 6 + index * 16
            let width = reader[entry] == 0 ? 256 : Int(reader[entry])
            let height = reader[entry + 1] == 0 ? 256 : Int(reader[entry + 1])
            if width * height > best.0 * best.1 { best = (width, height) }
        }
        return best
    }
}
