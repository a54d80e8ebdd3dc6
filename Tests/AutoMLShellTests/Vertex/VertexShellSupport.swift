import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation

@testable import AutoMLShell

/// What the Vertex AI tests of the shell share: a trainer that leaves evaluations, and image folders.
enum VertexShellSupport {
    /// Spends the budget on the clock and leaves an overall evaluation and one per label, and fake weights (models
    /// deploy and are base models; nothing predicts: the binary's tests predict with the real trainer).
    static func trainer(steps: Int = 20) -> ClockBudgetTrainer {
        ClockBudgetTrainer(steps: steps, leavesWeights: true) { ClockBudgetTrainer.labelEvaluations($0) }
    }

    /// `flowers/{train,validation,test}/{daisy,tulip}/N.png`: 8, 2 and 2 images per label.
    static func flowers(in folder: URL) throws -> URL {
        let root = folder.appendingPathComponent("flowers")
        for (split, count) in [("train", 8), ("validation", 2), ("test", 2)] {
            for (index, label) in ["daisy", "tulip"].enumerated() {
                let directory = root.appendingPathComponent("\(split)/\(label)")
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                for number in 0..<count {
                    try TestImages.png(color: (UInt8(40 + 150 * index), UInt8(10 * number), UInt8(split.count * 9)))
                        .write(to: directory.appendingPathComponent("\(number).png"))
                }
            }
        }
        return root
    }
}
