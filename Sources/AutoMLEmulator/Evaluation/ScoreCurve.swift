/// The scored items of one binary problem, sorted once by descending score and grouped by distinct score, with
/// cumulative counts per group: what a threshold sweep, the ROC area and average precision all read.
///
/// Items with equal scores form one group, so every area is independent of the order of ties: across a group the
/// ROC curve moves diagonally (the trapezoid rule, equal to the average-rank Mann–Whitney statistic) and the
/// precision-recall curve takes one step.
struct ScoreCurve: Sendable {
    /// The distinct scores, descending.
    private(set) var scores: [Double] = []
    /// `positivesAbove[g]`: positive items scoring at least `scores[g]`.
    private(set) var positivesAbove: [Int] = []
    /// `negativesAbove[g]`: negative items scoring at least `scores[g]`.
    private(set) var negativesAbove: [Int] = []

    /// Sorts the items by descending score.
    init(scores: [Double], isPositive: [Bool]) {
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        self.init(order: order, scores: scores, isPositive: isPositive)
    }

    /// Takes items already in descending score order: `order` lists indices into `scores` and `isPositive`.
    init(order: [Int], scores: [Double], isPositive: [Bool]) {
        var positives = 0
        var negatives = 0
        for index in order {
            if isPositive[index] { positives += 1 } else { negatives += 1 }
            if let last = self.scores.last, last == scores[index] {
                positivesAbove[positivesAbove.count - 1] = positives
                negativesAbove[negativesAbove.count - 1] = negatives
            } else {
                self.scores.append(scores[index])
                positivesAbove.append(positives)
                negativesAbove.append(negatives)
            }
        }
    }

    /// All positive items.
    var positives: Int { positivesAbove.last ?? 0 }
    /// All negative items.
    var negatives: Int { negativesAbove.last ?? 0 }

    /// Positive and negative items scoring at least `cutoff`.
    func countsAtOrAbove(_ cutoff: Double) -> (positives: Int, negatives: Int) {
        // The number of groups scoring at least `cutoff`, by binary search over the descending scores.
        var low = 0
        var high = scores.count
        while low < high {
            let middle = (low + high) / 2
            if scores[middle] >= cutoff { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? (0, 0) : (positivesAbove[low - 1], negativesAbove[low - 1])
    }

    /// The counts when every item scoring at least `cutoff` is predicted positive, out of `positives` positive
    /// and `negatives` negative items in all (which may exceed this curve's own, as for the top-1 predictions).
    func binaryCounts(atOrAbove cutoff: Double, positives: Int, negatives: Int) -> BinaryCounts {
        let above = countsAtOrAbove(cutoff)
        return BinaryCounts(
            truePositives: above.positives, falsePositives: above.negatives,
            falseNegatives: positives - above.positives, trueNegatives: negatives - above.negatives)
    }

    /// The counts at `cutoff` out of this curve's own items.
    func binaryCounts(atOrAbove cutoff: Double) -> BinaryCounts {
        binaryCounts(atOrAbove: cutoff, positives: positives, negatives: negatives)
    }

    /// The area under the ROC curve by the trapezoid rule over the distinct scores; 0 when there are no positive
    /// or no negative items, where the curve is undefined.
    var areaUnderROC: Double {
        guard positives > 0, negatives > 0 else { return 0 }
        var area = 0.0
        var previousPositives = 0
        var previousNegatives = 0
        for group in scores.indices {
            let truePositives = positivesAbove[group]
            let falsePositives = negativesAbove[group]
            area += Double(falsePositives - previousNegatives) * Double(truePositives + previousPositives) / 2
            previousPositives = truePositives
            previousNegatives = falsePositives
        }
        return area / (Double(positives) * Double(negatives))
    }

    /// Average precision: the precision-recall curve as a step function, Σ (Rₖ − Rₖ₋₁)·Pₖ over the
    /// distinct scores from recall 0 (scikit-learn's `average_precision_score`, with tied scores as one step). Not
    /// interpolated, so it does not overstate a ranking. 0 when there are no positive items.
    var averagePrecision: Double {
        guard positives > 0 else { return 0 }
        var sum = 0.0
        var previousPositives = 0
        for group in scores.indices {
            let truePositives = positivesAbove[group]
            guard truePositives > previousPositives else { continue }
            let precision = Double(truePositives) / Double(truePositives + negativesAbove[group])
            sum += Double(truePositives - previousPositives) * precision
            previousPositives = truePositives
        }
        return sum / Double(positives)
    }

    /// The area under the interpolated precision-recall curve, where the precision at recall r is the best
    /// precision at any recall ≥ r (the all-point interpolation of PASCAL VOC 2010 on): the average precision
    /// of object detection. `relevant` is the number of items there are to find, which can exceed the positive
    /// items here (ground-truth boxes no prediction matched). 0 when `relevant` is 0.
    func interpolatedAveragePrecision(relevant: Int) -> Double {
        guard relevant > 0, !scores.isEmpty else { return 0 }
        var best = 0.0
        var envelope = [Double](repeating: 0, count: scores.count)
        for group in scores.indices.reversed() {
            let truePositives = positivesAbove[group]
            best = max(best, Double(truePositives) / Double(truePositives + negativesAbove[group]))
            envelope[group] = best
        }
        var sum = 0.0
        var previousPositives = 0
        for group in scores.indices {
            let truePositives = positivesAbove[group]
            sum += Double(truePositives - previousPositives) * envelope[group]
            previousPositives = truePositives
        }
        return sum / Double(relevant)
    }
}
