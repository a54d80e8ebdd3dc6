/// A labelled bounding box of an object detection example, in coordinates relative to the image size.
struct ImportedBox: Sendable, Hashable {
    /// The smallest edge a box may have, relative to the image (reference 6.6).
    static let minimumEdge = 0.01
    /// The smallest edge a box may have in pixels (reference 6.6: 8×8 px).
    static let minimumPixelEdge = 8

    /// The object's label.
    var label: String
    /// The left edge, in [0, 1] of the image width.
    var xMin: Double
    /// The top edge, in [0, 1] of the image height.
    var yMin: Double
    /// The right edge, greater than ``xMin``.
    var xMax: Double
    /// The bottom edge, greater than ``yMin``.
    var yMax: Double

    /// Whether the box is at least ``minimumPixelEdge`` pixels on each side in an image of the given size; the
    /// import checks this once the image's header has been probed.
    func meetsMinimumPixelSize(imageWidth: Int, imageHeight: Int) -> Bool {
        let tolerance = 1e-9
        return (xMax - xMin) * Double(imageWidth) + tolerance >= Double(ImportedBox.minimumPixelEdge)
            && (yMax - yMin) * Double(imageHeight) + tolerance >= Double(ImportedBox.minimumPixelEdge)
    }
}
