internal import AutoMLWorkerProtocol

/// The job's images decoded into one dataset per split. When the job has no VALIDATION images, every
/// tenth TRAIN image (in job order) validates instead, so early stopping and model choice still see
/// held-out data.
final class SplitData {
    let train: TorchDataset
    let validation: TorchDataset
    let test: TorchDataset
    let size: Int
    /// Images that could not be decoded, with the reason; they are left out.
    let skipped: [(path: String, reason: String)]

    init(job: TrainerJob, size: Int) throws {
        let labelCount = job.labels.count
        train = try TorchDataset(size: size, labelCount: labelCount)
        validation = try TorchDataset(size: size, labelCount: labelCount, keepsPixels: job.task == .detection)
        test = try TorchDataset(size: size, labelCount: labelCount, keepsPixels: job.task == .detection)
        self.size = size
        let decoded = ImageDecoder(size: size).decodeAll(job.examples.map(\.path))
        let hasValidation = job.examples.contains { $0.split == .validation }
        var skipped: [(String, String)] = []
        var trainSeen = 0
        for (index, example) in job.examples.enumerated() {
            let pixels: [UInt8]
            switch decoded[index] {
            case .success(let value): pixels = value
            case .failure(let failure):
                skipped.append((example.path, failure.message))
                continue
            }
            var target: TorchDataset
            switch example.split {
            case .train:
                trainSeen += 1
                target = !hasValidation && trainSeen % 10 == 0 ? validation : train
            case .validation: target = validation
            case .test: target = test
            }
            let boxes = example.boxes.map {
                BoxTarget(label: $0.label, xMin: $0.xMin, yMin: $0.yMin, xMax: $0.xMax, yMax: $0.yMax)
            }
            try target.add(pixels: pixels, example: index, labels: example.labels, boxes: boxes)
        }
        self.skipped = skipped
        guard train.count > 0 else { throw TorchError(description: "no training image could be decoded") }
    }
}
