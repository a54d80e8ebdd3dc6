import AutoMLWire
import Foundation
import Testing

@testable import AutoMLShell

/// `watch`'s live view of a training: golden files at 80 and 120 columns, with and without colour
/// (`RECORD_SNAPSHOTS=1` re-records them), and the pieces it is made of.
@Suite("Training view")
struct TrainingViewTests {
    /// A search as the local backend logs it: two candidates explored, the second kept, its rate lowered once.
    static func log(stopped: String? = nil) -> TrainingLog {
        var log = TrainingLog(budgetMilliNodeHours: 8000)
        let epochs: [(String, Bool, Double, Double)] = [
            ("linear features @64", false, 0.61, 0.003), ("linear features @64", false, 0.72, 0.003),
            ("cnn w16 d4 @64 colour-aug", false, 0.55, 0.003), ("cnn w16 d4 @64 colour-aug", false, 0.78, 0.003),
            ("cnn w16 d4 @64 colour-aug", true, 0.81, 0.003), ("cnn w16 d4 @64 colour-aug", true, 0.80, 0.003),
            ("cnn w16 d4 @64 colour-aug", true, 0.86, 0.0009), ("cnn w16 d4 @64 colour-aug", true, 0.88, 0.0009),
        ]
        var counts: [String: Int] = [:]
        var best: [String: Double] = [:]
        for (index, (name, chosen, score, rate)) in epochs.enumerated() {
            counts[name, default: 0] += 1
            best[name] = max(best[name] ?? 0, score)
            log.record(
                candidate: name, chosen: chosen, epoch: counts[name] ?? 0, validationScore: score,
                bestValidationScore: best[name] ?? 0, learningRate: rate, metric: "accuracy",
                spentMilliNodeHours: Int64(index + 1) * 520)
        }
        log.stopReason = stopped
        return log
    }

    static func running(log: TrainingLog?) -> TrainingView {
        TrainingView(title: "createModel ICN8461122370510897845", status: "running", percent: 52, elapsed: 19, log: log)
    }

    @Test func goldenFiles() {
        let finished = TrainingView(
            title: "createModel ICN8461122370510897845", status: "done", percent: 100, elapsed: 41,
            log: Self.log(stopped: "MODEL_CONVERGED"))
        for width in [80, 120] {
            for colors in [false, true] {
                let suffix = "\(width)\(colors ? ".colors" : "").txt"
                let lines = { (view: TrainingView) in
                    view.lines(width: width, colors: colors).joined(separator: "\n") + "\n"
                }
                assertSnapshot(lines(Self.running(log: Self.log())), named: "training.running-\(suffix)")
                assertSnapshot(lines(finished), named: "training.done-\(suffix)")
                assertSnapshot(lines(Self.running(log: nil)), named: "training.nolog-\(suffix)")
            }
        }
    }

    @Test func everyLineFitsTheTerminal() {
        for width in [30, 50, 80] {
            for line in Self.running(log: Self.log()).lines(width: width, colors: false) {
                #expect(DisplayWidth.of(line) < width, "\(line)")
            }
        }
    }

    @Test func theLogRecordsDropsAndMovesTheKeptCandidateLast() {
        let log = Self.log()
        #expect(log.candidates.map(\.name) == ["linear features @64", "cnn w16 d4 @64 colour-aug"])
        #expect(log.current?.chosen == true)
        #expect(log.current?.learningRateDrops == [4], "four epochs at 0.003, then 0.0009")
        #expect(log.current?.epochs == 6)
        #expect(log.spentMilliNodeHours == 4160)
    }

    @Test func theBarShowsTheBudgetSpentAndTheTimeLeftFollowsThePace() {
        let view = Self.running(log: Self.log())
        #expect(view.budgetPercent == 52)
        #expect(view.remaining.map { Int($0.rounded()) } == 18)
        #expect(TrainingView.bar(percent: 0) == "▕" + String(repeating: " ", count: 20) + "▏")
        #expect(TrainingView.bar(percent: 100) == "▕" + String(repeating: "█", count: 20) + "▏")
        #expect(TrainingView.bar(percent: 52).hasPrefix("▕██████████▍"))
        #expect(TrainingView(title: "t", status: "done", percent: 100, elapsed: 5, log: nil).remaining == nil)
    }

    @Test func chartsDurationsAndNumbers() {
        #expect(TrainingView.chart([0.5, 0.75, 1.0]) == "▁▄█")
        #expect(TrainingView.chart([0.8, 0.8]) == "▄▄")
        #expect(TrainingView.duration(19) == "0:19")
        #expect(TrainingView.duration(3723) == "1:02:03")
        #expect(TrainingView.score(0.8999) == "0.900")
        #expect(TrainingView.score(-0.5) == "-0.500", "a third-party server's odd number is shown, not a crash")
        #expect(TrainingView.score(.nan) == "-")
        var odd = TrainingLog(budgetMilliNodeHours: 1000, spentMilliNodeHours: .max)
        odd.candidates = []
        #expect(TrainingView(title: "t", status: "running", percent: nil, elapsed: 1, log: odd).budgetPercent == 100)
        #expect(TrainingView.rate(0.0009) == "0.0009")
        #expect(TrainingView.rate(0.003) == "0.003")
    }
}

/// Terminal columns of text, and tables that fit: names cut in the middle, IDs never, wide characters aligned.
@Suite("Display width")
struct DisplayWidthTests {
    @Test func wideCharactersAndEmojiTakeTwoColumnsAndMarksNone() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("花の写真") == 8)
        #expect(DisplayWidth.of("🌷") == 2)
        #expect(DisplayWidth.of("👩‍🔬") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.prefix("花の写真", width: 5) == "花の")
        #expect(DisplayWidth.suffix("花の写真", width: 4) == "写真")
    }

    @Test func namesAreCutInTheMiddleAndIDsNever() {
        let layout = TableLayout(
            headers: ["ID", "DISPLAY NAME"],
            rows: [["ICN8461122370510897845", "flowers_long_experiment_name_v2"]], keyColumns: [0])
        let lines = layout.render(width: 40, bold: false).split(separator: "\n")
        #expect(lines[1].hasPrefix("ICN8461122370510897845  "))
        #expect(lines[1].hasSuffix("…ment_name_v2") || lines[1].contains("…"))
        #expect(lines[1].hasSuffix("_v2"))
        #expect(TableLayout.truncateMiddle("flowers_experiment_v2", to: 11) == "flowe…nt_v2")
    }

    @Test func wideCellsStayAligned() {
        let layout = TableLayout(headers: ["NAME", "IMAGES"], rows: [["花の写真", "12"], ["tulips", "7"]])
        let lines = layout.render(width: 80, bold: false).split(separator: "\n").map(String.init)
        let columns = lines.map { line in
            DisplayWidth.of(line[..<line.range(of: "  ", options: .backwards)!.upperBound])
        }
        #expect(Set(columns).count == 1, "\(lines)")
    }
}
