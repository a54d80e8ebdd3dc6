/// One image of an import, after the rows naming it have been merged.
struct ImportedExample: Sendable, Hashable {
    /// The image path, as the first row naming the image wrote it.
    var path: String
    /// The split. The first row's value, unless it was `UNASSIGNED` and a later row names a split.
    var mlUse: MLUse
    /// Classification: the labels, in the order they were first seen; empty for an unlabeled image.
    var labels: [String]
    /// Object detection: the boxes, in row order; empty for an image with no objects.
    var boxes: [ImportedBox]

    /// Creates an example.
    init(path: String, mlUse: MLUse, labels: [String] = [], boxes: [ImportedBox] = []) {
        self.path = path
        self.mlUse = mlUse
        self.labels = labels
        self.boxes = boxes
    }

    /// The example with an `UNASSIGNED` split replaced by the one ``UnassignedSplit`` picks for its path.
    func resolvingUnassignedSplit() -> ImportedExample {
        var copy = self
        copy.mlUse = UnassignedSplit.resolve(mlUse, path: path)
        return copy
    }
}
