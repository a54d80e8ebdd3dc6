/// What ``ImageProbe`` learned from an image's header.
struct ImageInfo: Sendable, Hashable {
    /// The file format.
    var format: ImageFormat
    /// The width in pixels, at least 1.
    var width: Int
    /// The height in pixels, at least 1.
    var height: Int

    /// `width × height`.
    var pixelCount: Int { width * height }
}
