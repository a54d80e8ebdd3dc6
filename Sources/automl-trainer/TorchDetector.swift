internal import AutoMLWorkerProtocol
internal import CAutoMLTorch
import Foundation

/// An object detector in the libtorch core.
final class TorchDetector {
    let handle: OpaquePointer

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    convenience init(spec: AMTDetectorSpec) throws {
        var spec = spec
        guard let handle = amt_detector_create(&spec) else { throw TorchError.last("cannot create a detector") }
        self.init(handle: handle)
    }

    convenience init(contentsOf url: URL) throws {
        guard let handle = amt_detector_load(url.path) else {
            throw TorchError.last("cannot load the detector \(url.lastPathComponent)")
        }
        self.init(handle: handle)
    }

    deinit { amt_detector_free(handle) }

    func clone() throws -> TorchDetector {
        guard let copy = amt_detector_clone(handle) else { throw TorchError.last("cannot copy a detector") }
        return TorchDetector(handle: copy)
    }

    var spec: AMTDetectorSpec {
        var spec = AMTDetectorSpec()
        amt_detector_get_spec(handle, &spec)
        return spec
    }

    func trainEpoch(on data: TorchDataset, options: AMTTrainOptions, stop: StopSignal) throws -> (
        completed: Bool, loss: Float
    ) {
        var options = options
        var loss: Float = 0
        let status = amt_detector_train_epoch(handle, data.handle, &options, stop.pointer, &loss)
        guard status >= 0 else { throw TorchError.last("training failed") }
        return (status == 0, loss)
    }

    func recalibrate(on data: TorchDataset, maxImages: Int = 1_024) throws {
        guard amt_detector_recalibrate(handle, data.handle, Int32(maxImages)) == 0 else {
            throw TorchError.last("batch-norm recalibration failed")
        }
    }

    /// Boxes of one decoded image, best first.
    func predict(pixels: [UInt8], size: Int, scoreThreshold: Double, maxBoxes: Int) throws -> [Box] {
        let capacity = max(1, maxBoxes)
        var found = [AMTBox](repeating: AMTBox(), count: capacity)
        let count = pixels.withUnsafeBufferPointer { image in
            found.withUnsafeMutableBufferPointer {
                amt_detector_predict_one(
                    handle, image.baseAddress, Int32(size), Float(scoreThreshold), 0.5,
                    Int32(capacity), $0.baseAddress)
            }
        }
        guard count >= 0 else { throw TorchError.last("prediction failed") }
        return found.prefix(Int(count)).map {
            Box(
                label: Int($0.label), xMin: Double($0.x_min), yMin: Double($0.y_min), xMax: Double($0.x_max),
                yMax: Double($0.y_max), score: Double($0.score))
        }
    }

    func save(to url: URL) throws {
        guard amt_detector_save(handle, url.path) == 0 else { throw TorchError.last("cannot save the detector") }
    }

    func exportTorchScript(to url: URL) throws {
        guard amt_detector_export_torchscript(handle, url.path) == 0 else {
            throw TorchError.last("cannot export the detector")
        }
    }
}
