extension ImageProbe {
    /// The canvas size from the first chunk of a WebP file: VP8 (lossy), VP8L (lossless) or VP8X (extended).
    static func webpDimensions(_ reader: ImageByteReader) throws -> (Int, Int) {
        let chunk = try reader.fourCC(at: 12, "the first chunk header")
        let data = 20
        switch chunk {
        case "VP8 ":
            try reader.require(data, 10, "the VP8 frame header")
            guard reader[data] & 1 == 0 else {
                throw ImageProbeError.corrupt(.webp, "the first VP8 frame is not a key frame")
            }
            guard reader.matches([0x9D, 0x01, 0x2A], at: data + 3) else {
                throw ImageProbeError.corrupt(.webp, "the VP8 frame has no start code")
            }
            let width = try reader.u16(at: data + 6, bigEndian: false, "the VP8 frame header") & 0x3FFF
            let height = try reader.u16(at: data + 8, bigEndian: false, "the VP8 frame header") & 0x3FFF
            return (width, height)
        case "VP8L":
            try reader.require(data, 5, "the VP8L header")
            guard reader[data] == 0x2F else {
                throw ImageProbeError.corrupt(.webp, "the VP8L chunk has no 0x2F signature")
            }
            let bits = try reader.u32(at: data + 1, bigEndian: false, "the VP8L header")
            guard bits >> 29 == 0 else {
                throw ImageProbeError.corrupt(.webp, "unknown VP8L version \(bits >> 29)")
            }
            return ((bits & 0x3FFF) + 1, (bits >> 14 & 0x3FFF) + 1)
        case "VP8X":
            try reader.require(data, 10, "the VP8X header")
            return (
                try reader.u24le(at: data + 4, "the VP8X header") + 1,
                try reader.u24le(at: data + 7, "the VP8X header") + 1
            )
        default:
            throw ImageProbeError.corrupt(.webp, "the first chunk is \"\(chunk)\", not VP8, VP8L or VP8X")
        }
    }
}
