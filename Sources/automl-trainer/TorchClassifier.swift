internal import CAutoMLTorch
import Foundation

/// A classifier in the libtorch core: one candidate of the search, or the trained model.
final class TorchClassifier {
    let handle: OpaquePointer

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    convenience init(spec: AMTClassifierSpec) throws {
        var spec = spec
        guard let handle = amt_classifier_create(&spec) else { throw TorchError.last("cannot create a classifier") }
        self.init(handle: handle)
    }

    /// Loads weights saved by ``save(to:)``.
    convenience init(contentsOf url: URL) throws {
        guard let handle = amt_classifier_load(url.path) else {
            throw TorchError.last("cannot load the classifier \(url.lastPathComponent)")
        }
        self.init(handle: handle)
    }

    deinit { amt_classifier_free(handle) }

    func clone() throws -> TorchClassifier {
        guard let copy = amt_classifier_clone(handle) else { throw TorchError.last("cannot copy a classifier") }
        return TorchClassifier(handle: copy)
    }

    var spec: AMTClassifierSpec {
        var spec = AMTClassifierSpec()
        amt_classifier_get_spec(handle, &spec)
        return spec
    }

    /// One epoch; false when it was cancelled.
    func trainEpoch(on data: TorchDataset, options: AMTTrainOptions, stop: StopSignal) throws -> (
        completed: Bool, loss: Float
    ) {
        var options = options
        var loss: Float = 0
        let status = amt_classifier_train_epoch(handle, data.handle, &options, stop.pointer, &loss)
        guard status >= 0 else { throw TorchError.last("training failed") }
        return (status == 0, loss)
    }

    func recalibrate(on data: TorchDataset, maxImages: Int = 2_048) throws {
        guard amt_classifier_recalibrate(handle, data.handle, Int32(maxImages)) == 0 else {
            throw TorchError.last("batch-norm recalibration failed")
        }
    }

    /// Scores of every image of `data`, one row per image.
    func predict(_ data: TorchDataset) throws -> [[Float]] {
        guard data.count > 0 else { return [] }
        var flat = [Float](repeating: 0, count: data.count * data.labelCount)
        guard flat.withUnsafeMutableBufferPointer({ amt_classifier_predict(handle, data.handle, $0.baseAddress) }) == 0
        else {
            throw TorchError.last("prediction failed")
        }
        return (0..<data.count).map { Array(flat[$0 * data.labelCount..<($0 + 1) * data.labelCount]) }
    }

    /// Scores of one decoded image.
    func predict(pixels: [UInt8], size: Int, labelCount: Int) throws -> [Float] {
        var scores = [Float](repeating: 0, count: labelCount)
        let status = pixels.withUnsafeBufferPointer { image in
            scores.withUnsafeMutableBufferPointer {
                amt_classifier_predict_one(handle, image.baseAddress, Int32(size), $0.baseAddress)
            }
        }
        guard status == 0 else { throw TorchError.last("prediction failed") }
        return scores
    }

    func save(to url: URL) throws {
        guard amt_classifier_save(handle, url.path) == 0 else { throw TorchError.last("cannot save the classifier") }
    }

    func exportTorchScript(to url: URL) throws {
        guard amt_classifier_export_torchscript(handle, url.path) == 0 else {
            throw TorchError.last("cannot export the classifier")
        }
    }
}
