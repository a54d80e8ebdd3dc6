extension ImageProbe {
    /// ImageWidth (tag 256) and ImageLength (tag 257) from the first IFD of a classic TIFF, in either byte order.
    static func tiffDimensions(_ reader: ImageByteReader) throws -> (Int, Int) {
        let bigEndian = reader[0] == UInt8(ascii: "M")
        let ifd = try reader.u32(at: 4, bigEndian: bigEndian, "the TIFF header")
        guard ifd >= 8 else {
            throw ImageProbeError.corrupt(.tiff, "the first IFD offset \(ifd) points into the header")
        }
        let count = try reader.u16(at: ifd, bigEndian: bigEndian, "the first IFD")
        guard count > 0 else {
            throw ImageProbeError.corrupt(.tiff, "the first IFD has no entries")
        }
        try reader.require(ifd + 2, count * 12, "the first IFD (\(count) entries)")
        var width: Int?
        var height: Int?
        for index in 0..<count {
            let entry = ifd + 2 + index * 12
            let tag = try reader.u16(at: entry, bigEndian: bigEndian, "an IFD entry")
            guard tag == 256 || tag == 257 else { continue }
            let type = try reader.u16(at: entry + 2, bigEndian: bigEndian, "an IFD entry")
            let value: Int
            switch type {
            case 3: value = try reader.u16(at: entry + 8, bigEndian: bigEndian, "an IFD entry")
            case 4: value = try reader.u32(at: entry + 8, bigEndian: bigEndian, "an IFD entry")
            default:
                throw ImageProbeError.corrupt(.tiff, "tag \(tag) has field type \(type), not SHORT or LONG")
            }
            if tag == 256 { width = value } else { height = value }
        }
        guard let width, let height else {
            throw ImageProbeError.corrupt(.tiff, "the first IFD has no ImageWidth or ImageLength tag")
        }
        return (width, height)
    }
}
