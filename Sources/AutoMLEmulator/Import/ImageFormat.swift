/// An image file format the import layer recognises by its header.
enum ImageFormat: String, Sendable, Hashable, CaseIterable {
    case jpeg
    case png
    case gif
    case bmp
    case webp
    case tiff
    case ico

    /// The formats image classification datasets accept (reference 6.6: JPEG, PNG, GIF, BMP, ICO, WEBP, TIFF).
    static let classificationFormats: Set<ImageFormat> = Set(allCases)
    /// The formats object detection datasets accept (reference 6.6: JPEG, PNG, GIF).
    static let objectDetectionFormats: Set<ImageFormat> = [.jpeg, .png, .gif]

    /// The MIME type of the format.
    var mimeType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .gif: "image/gif"
        case .bmp: "image/bmp"
        case .webp: "image/webp"
        case .tiff: "image/tiff"
        case .ico: "image/vnd.microsoft.icon"
        }
    }
}

extension ImageFormat: CustomStringConvertible {
    /// The usual name of the format, for messages: `JPEG`, `PNG`, `WebP`…
    var description: String {
        switch self {
        case .jpeg: "JPEG"
        case .png: "PNG"
        case .gif: "GIF"
        case .bmp: "BMP"
        case .webp: "WebP"
        case .tiff: "TIFF"
        case .ico: "ICO"
        }
    }
}
