import AutoMLClient
import Foundation
import Testing

@testable import AutoMLShell

struct LabelsViewTests {
    @Test func aBarPerLabelAndSplitAndAdviceBesideTheLabelsThatFallShort() {
        let csv =
            (0..<40).map { "TRAIN,gs://b/r\($0).png,rose" } + (0..<5).map { "TEST,gs://b/r-t\($0).png,rose" }
            + (0..<4).map { "TRAIN,gs://b/w\($0).png,weed" } + ["VALIDATION,gs://b/w-v.png,weed"]
        let stats = LabelStats(csv: csv.joined(separator: "\n"), isDetection: false)
        let text = LabelsView(width: 100, colors: false).render(stats, title: "garden")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "garden: 50 images, 2 labels")
        #expect(lines[1].hasPrefix("label  TRAIN"))
        #expect(lines[1].contains("VALIDATION") && lines[1].hasSuffix("total"))
        let rose = lines[2]
        #expect(
            rose.hasPrefix("rose   " + String(repeating: "█", count: 15) + " 40"), "the longest bar fills its column")
        #expect(rose.contains("45  about 1,000 recommended"))
        let weed = lines[3]
        #expect(weed.hasPrefix("weed   █▌ "), "4 of 40 is a tenth of the TRAIN column's 15 cells")
        #expect(weed.contains("5  below the minimum of 10"))
        #expect(lines.last?.contains("train --force") == true)
        #expect(lines.allSatisfy { $0.count <= 99 }, "\(lines.map(\.count))")
    }

    @Test func barsInEighthsAndNothingForNone() {
        #expect(LabelsView.bar(0, of: 10, width: 10) == "")
        #expect(LabelsView.bar(10, of: 10, width: 10) == String(repeating: "█", count: 10))
        #expect(LabelsView.bar(1, of: 1000, width: 10) == "▏")
        #expect(LabelsView.bar(5, of: 16, width: 2) == "▋")
    }

    @Test func anEmptyDatasetSaysSo() {
        let text = LabelsView(width: 80, colors: true).render(LabelStats(csv: "", isDetection: false), title: "empty")
        #expect(text.contains("no labelled images"))
        #expect(text.contains("\u{1B}[31m"))
    }

    @Test func onATerminalTheViewUnlessAFormatIsChosen() async throws {
        let harness = try await ShellHarness()
        let csv = try harness.images(labels: ["daisy", "tulip"], perLabel: 12)
        let session = harness.session(interactive: true, terminal: true)
        #expect(
            await harness.run(
                "dataset create flowers\nuse dataset flowers\ndataset import \(csv)\nwatch\n", in: session) == 0)
        harness.clearOutput()
        #expect(await harness.run("labels\n", in: session) == 0)
        #expect(harness.standardOutput.hasPrefix("flowers ("), "\(harness.standardOutput)")
        #expect(harness.standardOutput.contains("daisy  "))
        #expect(session.lastResult?["labels"]?.arrayValue?.count == 2, "$last is the object the view drew")
        harness.clearOutput()
        #expect(await harness.run("labels --format json\n", in: session) == 0)
        #expect(harness.standardOutput.hasPrefix("{\n  \"advice\""), "\(harness.standardOutput)")
        harness.clearOutput()
        let piped = harness.session()
        #expect(await harness.run("labels\n", in: piped) == 0)
        #expect(harness.standardOutput.hasPrefix("{\n  \"advice\""), "\(harness.standardOutput)")
    }
}
