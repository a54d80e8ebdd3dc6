/// The four counts of a binary decision at one threshold, and the rates derived from them.
///
/// Rates whose denominator is zero follow one convention throughout the evaluations:
/// - precision is 1 when nothing is predicted (TP + FP = 0): the point where a precision-recall curve starts,
///   as scikit-learn's `precision_recall_curve` has it, and "no prediction was wrong";
/// - recall is 0 when there is nothing to find (TP + FN = 0);
/// - the false positive rate is 0 when there are no negatives (FP + TN = 0);
/// - F1 is 0 when precision + recall is 0.
struct BinaryCounts: Sendable, Hashable {
    var truePositives = 0
    var falsePositives = 0
    var falseNegatives = 0
    var trueNegatives = 0

    var precision: Double {
        let predicted = truePositives + falsePositives
        return predicted == 0 ? 1 : Double(truePositives) / Double(predicted)
    }

    var recall: Double {
        let actual = truePositives + falseNegatives
        return actual == 0 ? 0 : Double(truePositives) / Double(actual)
    }

    var falsePositiveRate: Double {
        let negatives = falsePositives + trueNegatives
        return negatives == 0 ? 0 : Double(falsePositives) / Double(negatives)
    }

    var f1Score: Double { Self.harmonicMean(precision, recall) }

    static func harmonicMean(_ precision: Double, _ recall: Double) -> Double {
        precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }

    static func + (lhs: Self, rhs: Self) -> Self {
        BinaryCounts(
            truePositives: lhs.truePositives + rhs.truePositives,
            falsePositives: lhs.falsePositives + rhs.falsePositives,
            falseNegatives: lhs.falseNegatives + rhs.falseNegatives,
            trueNegatives: lhs.trueNegatives + rhs.trueNegatives)
    }
}
