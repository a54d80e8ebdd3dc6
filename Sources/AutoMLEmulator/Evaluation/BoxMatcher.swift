import AutoMLWorkerProtocol

/// The predictions and ground truth of one label in one image, with their pairwise IoU computed once, matched
/// again at each IoU threshold.
///
/// Matching is greedy by descending score: each prediction takes the not-yet-matched ground-truth box it overlaps
/// most (the first such box when IoUs are equal) and is a true positive when that IoU is at least the threshold;
/// otherwise it is a false positive. So each ground-truth box is matched at most once, a second prediction of an
/// already-found object is a false positive, and boxes of different labels never meet. Because higher scores
/// match first, the matches among predictions scoring at least any confidence threshold are the same as if the
/// lower ones did not exist: one matching per IoU threshold serves every confidence threshold.
struct BoxMatcher: Sendable {
    /// Global prediction indices, by descending score (ties by index).
    let predictions: [Int]
    let truthCount: Int
    /// `overlap[p * truthCount + t]`: IoU of `predictions[p]` and ground-truth box `t`.
    let overlap: [Double]

    init(predictions: [Int], predictionBoxes: [EvaluationBox], truth: [EvaluationBox]) {
        self.predictions = predictions
        truthCount = truth.count
        var overlap: [Double] = []
        overlap.reserveCapacity(predictions.count * truth.count)
        for prediction in predictions {
            for box in truth { overlap.append(predictionBoxes[prediction].intersectionOverUnion(with: box)) }
        }
        self.overlap = overlap
    }

    /// Marks in `truePositive` (indexed by global prediction index) the predictions that match at `cutoff`.
    func match(atIoU cutoff: Double, into truePositive: inout [Bool]) {
        guard truthCount > 0 else { return }
        var taken = [Bool](repeating: false, count: truthCount)
        for (row, prediction) in predictions.enumerated() {
            var best = -1
            var bestOverlap = -1.0
            for truth in 0..<truthCount where !taken[truth] && overlap[row * truthCount + truth] > bestOverlap {
                best = truth
                bestOverlap = overlap[row * truthCount + truth]
            }
            if best >= 0, bestOverlap >= cutoff {
                taken[best] = true
                truePositive[prediction] = true
            }
        }
    }
}
