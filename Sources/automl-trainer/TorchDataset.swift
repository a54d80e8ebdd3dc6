internal import CAutoMLTorch

/// A failure inside the libtorch core, with its message.
struct TorchError: Error, CustomStringConvertible {
    var description: String

    /// The message of the last failed call on this thread.
    static func last(_ what: String) -> TorchError {
        TorchError(description: "\(what): \(String(cString: amt_last_error()))")
    }
}

/// Images and their targets in the libtorch core's memory, all of one size.
final class TorchDataset {
    let handle: OpaquePointer
    let size: Int
    let labelCount: Int
    /// Index in the job of each image, in dataset order.
    private(set) var exampleIndices: [Int] = []
    /// A copy of the pixels, kept for held-out sets (the detector predicts them one image at a time).
    private let keepsPixels: Bool
    private var pixels: [[UInt8]] = []

    init(size: Int, labelCount: Int, keepsPixels: Bool = false) throws {
        guard let handle = amt_dataset_create(Int32(size), Int32(labelCount)) else {
            throw TorchError.last("cannot create a dataset")
        }
        self.handle = handle
        self.size = size
        self.labelCount = labelCount
        self.keepsPixels = keepsPixels
    }

    deinit { amt_dataset_free(handle) }

    var count: Int { exampleIndices.count }

    /// Adds one decoded image (size × size × 3 bytes) with its labels and boxes.
    func add(pixels: [UInt8], example: Int, labels: [Int], boxes: [BoxTarget]) throws {
        let index = pixels.withUnsafeBufferPointer { amt_dataset_add(handle, $0.baseAddress) }
        guard index >= 0 else { throw TorchError.last("cannot add an image") }
        var targets = [Float](repeating: 0, count: labelCount)
        for label in labels where label >= 0 && label < labelCount { targets[label] = 1 }
        guard targets.withUnsafeBufferPointer({ amt_dataset_set_targets(handle, index, $0.baseAddress) }) == 0 else {
            throw TorchError.last("cannot set the labels of an image")
        }
        for box in boxes {
            guard
                amt_dataset_add_box(
                    handle, index, Int32(box.label), Float(box.xMin), Float(box.yMin),
                    Float(box.xMax), Float(box.yMax)) == 0
            else {
                throw TorchError.last("cannot add a box")
            }
        }
        exampleIndices.append(example)
        if keepsPixels { self.pixels.append(pixels) }
    }

    /// The pixels of every image; only for a dataset that keeps them.
    func pixelsOfAll() -> [[UInt8]] {
        precondition(keepsPixels, "this dataset does not keep its pixels")
        return pixels
    }
}

/// A ground-truth box of a training image, relative to the image.
struct BoxTarget: Sendable {
    var label: Int
    var xMin: Double
    var yMin: Double
    var xMax: Double
    var yMax: Double
}
