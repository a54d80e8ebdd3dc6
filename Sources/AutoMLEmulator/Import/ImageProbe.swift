import Foundation

/// Reads the header of an image file and reports its format and pixel size, or why it is not an acceptable image.
///
/// This only validates headers (signature, the chunk or marker that carries the size, size limits); it decodes no
/// pixels, so an image whose compressed data is damaged still passes. Pure Swift, no system libraries.
///
/// Per format: JPEG walks the markers to the first SOF0–SOF15 (not DHT, JPG or DAC); PNG reads IHDR (and checks its
/// CRC); GIF the logical screen size; BMP the BITMAPCOREHEADER or BITMAPINFOHEADER family (a negative height means
/// top-down); WebP the VP8, VP8L or VP8X chunk; TIFF the first IFD's ImageWidth and ImageLength; ICO the largest entry
/// of the directory.
struct ImageProbe: Sendable {
    /// The default pixel-count cap: 50 megapixels.
    static let defaultMaxPixelCount = 50_000_000
    /// The default file-size cap: 30 MiB (the reference says "30 MB" for training images).
    static let defaultMaxFileSize = 30 * 1_024 * 1_024

    /// Images with more pixels than this are refused as `.tooLarge`.
    var maxPixelCount: Int
    /// Files or data with more bytes than this are refused as `.tooLarge`.
    var maxFileSize: Int
    /// The formats accepted; any other recognised format is refused as `.unsupportedFormat`.
    var allowedFormats: Set<ImageFormat>

    /// Creates a probe with the given caps.
    init(
        maxPixelCount: Int = ImageProbe.defaultMaxPixelCount,
        maxFileSize: Int = ImageProbe.defaultMaxFileSize,
        allowedFormats: Set<ImageFormat> = ImageFormat.classificationFormats
    ) {
        self.maxPixelCount = maxPixelCount
        self.maxFileSize = maxFileSize
        self.allowedFormats = allowedFormats
    }

    /// Probes an image held in memory.
    ///
    /// - Throws: ``ImageProbeError``.
    func probe(_ data: Data) throws -> ImageInfo {
        guard !data.isEmpty else { throw ImageProbeError(.empty, "the image is empty (0 bytes)") }
        guard data.count <= maxFileSize else {
            throw ImageProbeError(
                .tooLarge, "the image is \(data.count) bytes; the limit is \(maxFileSize) bytes"
            )
        }
        let format = try ImageSignature.detect(data)
        guard allowedFormats.contains(format) else {
            let allowed = ImageFormat.allCases.filter(allowedFormats.contains).map(\.description)
            throw ImageProbeError(
                .unsupportedFormat, format: format,
                "\(format) images are not accepted here; expected \(allowed.joined(separator: ", "))"
            )
        }
        let reader = ImageByteReader(data: data, format: format)
        let (width, height) = try ImageProbe.dimensions(of: reader)
        guard width > 0, height > 0 else {
            throw ImageProbeError.corrupt(format, "the image is \(width)×\(height) pixels")
        }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels <= maxPixelCount else {
            throw ImageProbeError(
                .tooLarge, format: format,
                "the image is \(width)×\(height) pixels; the limit is \(maxPixelCount) pixels"
            )
        }
        return ImageInfo(format: format, width: width, height: height)
    }

    /// Probes an image given as bytes.
    func probe(_ bytes: [UInt8]) throws -> ImageInfo {
        try probe(Data(bytes))
    }

    /// Probes an image file, reading only as much of it as the header needs in the common case.
    ///
    /// The file size is checked before anything is read.
    /// - Throws: ``ImageProbeError`` (`.unreadable` when the file cannot be opened or read).
    func probe(fileAt url: URL) throws -> ImageInfo {
        let path = url.path
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw ImageProbeError(.unreadable, "the file cannot be read: no such file or no permission")
        }
        guard size <= maxFileSize else {
            throw ImageProbeError(.tooLarge, "the image is \(size) bytes; the limit is \(maxFileSize) bytes")
        }
        // Most headers sit in the first few kilobytes, but a JPEG can carry large EXIF/ICC segments before its SOF:
        // read a prefix first and the whole file only when the prefix was not enough.
        let prefixLength = 256 * 1_024
        let prefix = try ImageProbe.read(path, upTo: prefixLength)
        guard prefix.count == prefixLength, size > prefixLength else { return try probe(prefix) }
        do {
            return try probe(prefix)
        } catch let error as ImageProbeError where error.kind == .truncated || error.kind == .corruptHeader {
            return try probe(ImageProbe.read(path, upTo: maxFileSize + 1))
        }
    }

    private static func read(_ path: String, upTo length: Int) throws -> Data {
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            return try handle.read(upToCount: length) ?? Data()
        } catch {
            throw ImageProbeError(.unreadable, FileFailure.describe(error))
        }
    }

    /// The width and height the header declares (possibly zero; the caller refuses that).
    private static func dimensions(of reader: ImageByteReader) throws -> (Int, Int) {
        switch reader.format {
        case .jpeg: try jpegDimensions(reader)
        case .png: try pngDimensions(reader)
        case .gif: try gifDimensions(reader)
        case .bmp: try bmpDimensions(reader)
        case .webp: try webpDimensions(reader)
        case .tiff: try tiffDimensions(reader)
        case .ico: try icoDimensions(reader)
        }
    }
}
