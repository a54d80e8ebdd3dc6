/// The scores and truth of a classification TEST split as an examples × labels table, row-major, with each
/// example's top label: the shape the per-label and micro-averaged curves are cut from.
struct ScoreTable {
    let exampleCount: Int
    let labelCount: Int
    /// `scores[example * labelCount + label]`.
    private(set) var scores: [Double]
    /// `truth[example * labelCount + label]`: whether the example truly has the label.
    private(set) var truth: [Bool]
    /// Each example's highest-scoring label (the lowest index among equal scores) and its score.
    private(set) var top: [(label: Int, score: Double)]

    init(examples: [ClassificationEvaluator.Example], labelCount: Int) {
        exampleCount = examples.count
        self.labelCount = labelCount
        scores = []
        scores.reserveCapacity(examples.count * labelCount)
        truth = [Bool](repeating: false, count: examples.count * labelCount)
        top = []
        top.reserveCapacity(examples.count)
        for (row, example) in examples.enumerated() {
            scores += example.scores
            for label in example.truth { truth[row * labelCount + label] = true }
            var best = 0
            for label in example.scores.indices where example.scores[label] > example.scores[best] { best = label }
            top.append((best, example.scores[best]))
        }
    }

    /// One label's scores and truth over all examples.
    func column(_ label: Int) -> (scores: [Double], truth: [Bool]) {
        let cells = stride(from: label, to: scores.count, by: labelCount)
        return (cells.map { scores[$0] }, cells.map { truth[$0] })
    }

    /// Whether the example's top label is one of its true labels.
    func topIsTrue(_ example: Int) -> Bool {
        truth[example * labelCount + top[example].label]
    }

    /// The top-1 predictions of all examples: one item per example, scored by its top score and positive when the
    /// top label is true.
    func topCurve() -> ScoreCurve {
        ScoreCurve(scores: top.map(\.score), isPositive: (0..<exampleCount).map(topIsTrue))
    }

    /// The top-1 predictions of one label: the examples whose top label it is.
    func topCurve(of label: Int) -> ScoreCurve {
        let rows = (0..<exampleCount).filter { top[$0].label == label }
        return ScoreCurve(scores: rows.map { top[$0].score }, isPositive: rows.map(topIsTrue))
    }
}
