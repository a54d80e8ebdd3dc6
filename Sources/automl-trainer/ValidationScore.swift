internal import AutoMLWorkerProtocol

/// How the search compares candidates on the validation split: accuracy for single-label
/// classification, micro-averaged F1 at 0.5 for multi-label, mean average precision at IoU 0.5 for
/// detection. (The full evaluation, at every threshold, is computed by the local backend.)
enum ValidationScore {
    static func classification(scores: [[Float]], truth: [[Int]], multiLabel: Bool) -> Double {
        guard !scores.isEmpty else { return 0 }
        if !multiLabel {
            let correct = zip(scores, truth).filter { row, labels in
                guard let best = row.indices.max(by: { row[$0] < row[$1] }) else { return false }
                return labels.contains(best)
            }.count
            return Double(correct) / Double(scores.count)
        }
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0
        for (row, labels) in zip(scores, truth) {
            for (label, score) in row.enumerated() {
                let predicted = score >= 0.5
                let actual = labels.contains(label)
                if predicted && actual {
                    truePositives += 1
                } else if predicted {
                    falsePositives += 1
                } else if actual {
                    falseNegatives += 1
                }
            }
        }
        let denominator = 2 * truePositives + falsePositives + falseNegatives
        return denominator == 0 ? 1 : Double(2 * truePositives) / Double(denominator)
    }

    /// Mean over labels with ground truth of the average precision at IoU 0.5 (all-point interpolation).
    static func detection(predicted: [[Box]], truth: [[Box]], labelCount: Int) -> Double {
        var averagePrecisions: [Double] = []
        for label in 0..<labelCount {
            let groundTruth = truth.map { $0.filter { $0.label == label } }
            let positives = groundTruth.reduce(0) { $0 + $1.count }
            guard positives > 0 else { continue }
            var ranked: [(score: Double, image: Int, box: Box)] = []
            for (image, boxes) in predicted.enumerated() {
                for box in boxes where box.label == label { ranked.append((box.score ?? 0, image, box)) }
            }
            ranked.sort { $0.score > $1.score }
            var used = groundTruth.map { [Bool](repeating: false, count: $0.count) }
            var hits = 0
            var points: [(recall: Double, precision: Double)] = []
            for (rank, prediction) in ranked.enumerated() {
                var bestIoU = 0.5
                var bestIndex = -1
                for (index, box) in groundTruth[prediction.image].enumerated() where !used[prediction.image][index] {
                    let overlap = iou(prediction.box, box)
                    if overlap >= bestIoU {
                        bestIoU = overlap
                        bestIndex = index
                    }
                }
                if bestIndex >= 0 {
                    used[prediction.image][bestIndex] = true
                    hits += 1
                }
                points.append((Double(hits) / Double(positives), Double(hits) / Double(rank + 1)))
            }
            var envelope = points.map(\.precision)
            for index in envelope.indices.reversed().dropFirst() {
                envelope[index] = max(envelope[index], envelope[index + 1])
            }
            var area = 0.0
            var previousRecall = 0.0
            for (index, point) in points.enumerated() {
                area += (point.recall - previousRecall) * envelope[index]
                previousRecall = point.recall
            }
            averagePrecisions.append(area)
        }
        return averagePrecisions.isEmpty ? 0 : averagePrecisions.reduce(0, +) / Double(averagePrecisions.count)
    }

    static func iou(_ a: Box, _ b: Box) -> Double {
        a.evaluationBox.intersectionOverUnion(with: b.evaluationBox)
    }
}
