import AutoMLWorkerProtocol

/// The predicted boxes of all TEST images in one flat list, with what every IoU threshold reuses: each label's
/// predictions in descending score order, the per-image, per-label matchers, and the ground-truth counts.
struct DetectionLayout {
    /// The score of each prediction, by global index (images in order, then each image's predictions in order).
    private(set) var scores: [Double] = []
    /// `order[label]`: the global indices of that label's predictions, by descending score (ties by index).
    private(set) var order: [[Int]]
    /// One matcher per (image, label) with at least one prediction and one ground-truth box.
    private(set) var matchers: [BoxMatcher] = []
    /// Ground-truth boxes per label.
    private(set) var truthCount: [Int]
    /// Images with at least one ground-truth box, per label.
    private(set) var imageCount: [Int]

    init(images: [DetectionEvaluator.Image], labelCount: Int) {
        order = [[Int]](repeating: [], count: labelCount)
        truthCount = [Int](repeating: 0, count: labelCount)
        imageCount = [Int](repeating: 0, count: labelCount)
        var boxes: [EvaluationBox] = []
        for image in images {
            let first = scores.count
            scores += image.predictions.map(\.score)
            boxes += image.predictions.map(\.box)
            var truthByLabel: [Int: [EvaluationBox]] = [:]
            for truth in image.truth { truthByLabel[truth.label, default: []].append(truth.box) }
            for (label, truth) in truthByLabel {
                truthCount[label] += truth.count
                imageCount[label] += 1
            }
            var predictionsByLabel: [Int: [Int]] = [:]
            for (offset, prediction) in image.predictions.enumerated() {
                predictionsByLabel[prediction.label, default: []].append(first + offset)
            }
            // Sorted by label so that the layout does not depend on dictionary order.
            for (label, predictions) in predictionsByLabel.sorted(by: { $0.key < $1.key }) {
                order[label] += predictions
                guard let truth = truthByLabel[label] else { continue }
                matchers.append(
                    BoxMatcher(
                        predictions: Self.byScore(predictions, scores),
                        predictionBoxes: boxes, truth: truth))
            }
        }
        order = order.map { Self.byScore($0, scores) }
    }

    /// Indices by descending score, ties by index, so matching and curves never depend on sort stability.
    private static func byScore(_ indices: [Int], _ scores: [Double]) -> [Int] {
        indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
    }
}
