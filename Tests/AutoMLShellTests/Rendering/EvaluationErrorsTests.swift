import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import Foundation
import Testing

@testable import AutoMLShell

/// `evaluation errors`: the TEST images a model got wrong, from the local backend's test predictions, and the contact
/// sheet that pictures them.
@Suite struct EvaluationErrorsTests {
    /// The predictions the worker would write: two images wrong (a daisy taken for a tulip at 0.9, a tulip for a
    /// daisy at 0.6), the rest right.
    static func predictions() -> TestPredictions {
        TestPredictions(
            labels: ["daisy", "tulip"], multiLabel: false,
            images: [
                .init(uri: "gs://data/daisy_9.png", labels: ["daisy"], scores: [0.1, 0.9]),
                .init(uri: "gs://data/daisy_19.png", labels: ["daisy"], scores: [0.8, 0.2]),
                .init(uri: "gs://data/tulip_9.png", labels: ["tulip"], scores: [0.6, 0.4]),
                .init(uri: "gs://data/tulip_19.png", labels: ["tulip"], scores: [0.3, 0.7]),
            ])
    }

    @Test func theImagesAModelGotWrongAndTheirContactSheet() async throws {
        let harness = try await ShellHarness(
            trainer: ClockBudgetTrainer(leavesWeights: true) { ClockBudgetTrainer.labelEvaluations($0) })
        let csv = try harness.images(labels: ["daisy", "tulip"], perLabel: 20)
        let session = harness.session()
        #expect(
            await harness.run(
                "dataset create flowers\ndataset import \(csv); watch\ntrain --budget 8; watch", in: session) == 0)
        let model = try #require(session.context.model)
        let folder = harness.emulator.configuration.dataDirectory.appendingPathComponent("models/\(model)")
        harness.clearOutput()
        #expect(await harness.run("evaluation errors", in: session) == 1)
        #expect(harness.standardError.contains("has no test predictions"), "\(harness.standardError)")

        try JSONEncoder().encode(Self.predictions()).write(to: folder.appendingPathComponent(TestPredictions.fileName))
        let sheet = harness.directory.appendingPathComponent("sheets/errors.jpg").path
        harness.clearOutput()
        #expect(await harness.run("evaluation errors --sheet \(sheet)", in: session) == 0)
        let result = try JSONValue(parsing: Data(harness.standardOutput.utf8))
        let errors = try #require(result["errors"]?.arrayValue)
        #expect(errors.map { $0["image"]?.stringValue } == ["gs://data/daisy_9.png", "gs://data/tulip_9.png"])
        #expect(errors.first?["predicted"] == .string("tulip"))
        #expect(result["testImages"] == .integer(4))
        #expect(result["contactSheet"] == .string(sheet))
        let jpeg = try #require(FileManager.default.contents(atPath: sheet))
        #expect(jpeg.prefix(2) == Data([0xFF, 0xD8]), "a JPEG")

        // One label's evaluation: only its images.
        let evaluations = try await harness.client.listModelEvaluations(of: try harness.location.model(model)).collect()
        let tulip = try #require(evaluations.first { $0.displayName == "tulip" }?.name.split(separator: "/").last)
        harness.clearOutput()
        #expect(await harness.run("evaluation errors \(tulip) --sheet \(sheet)", in: session) == 0)
        let forTulip = try JSONValue(parsing: Data(harness.standardOutput.utf8))
        #expect(forTulip["errors"]?.arrayValue?.map { $0["image"]?.stringValue } == ["gs://data/tulip_9.png"])
        #expect(forTulip["label"] == .string("tulip"))

        // On a terminal: a numbered table, and where the sheet is.
        let terminal = harness.session(interactive: true, terminal: true)
        harness.clearOutput()
        #expect(await harness.run("evaluation errors --sheet \(sheet)", in: terminal) == 0)
        #expect(harness.standardOutput.contains("#  IMAGE"))
        #expect(harness.standardOutput.contains("(2 wrong of 4 TEST images)"))
        #expect(harness.standardError.contains("contact sheet: \(sheet)"))
    }

    @Test func missesOfSingleAndMultiLabelModels() {
        let misses = Self.predictions().misses()
        #expect(misses.map(\.score) == [0.9, 0.6], "most confident first")
        let multi = TestPredictions(
            labels: ["red", "round"], multiLabel: true,
            images: [
                .init(uri: "a", labels: ["red", "round"], scores: [0.9, 0.3]),
                .init(uri: "b", labels: ["red"], scores: [0.7, 0.2]),
            ])
        #expect(multi.misses().map(\.uri) == ["a"])
        #expect(multi.misses().first?.predicted == "red")
    }

    @Test func theSheetPicturesEachImageInItsTileInOrder() throws {
        let red = TestImages.png(color: (250, 0, 0))
        let blue = TestImages.png(color: (0, 0, 250))
        let sheet = ContactSheet(images: [red, blue, nil])
        #expect(sheet.size.width == 3 * (ContactSheet.tile + ContactSheet.gap) + ContactSheet.gap)
        let pixels = sheet.pixels()
        let centre = { (tile: Int) -> [UInt8] in
            let x = ContactSheet.gap + tile * (ContactSheet.tile + ContactSheet.gap) + ContactSheet.tile / 2
            let y = ContactSheet.gap + ContactSheet.tile / 2
            let offset = (y * sheet.size.width + x) * 3
            return Array(pixels[offset..<offset + 3])
        }
        #expect(centre(0) == [250, 0, 0])
        #expect(centre(1) == [0, 0, 250])
        #expect(centre(2) == [96, 96, 96], "an image that does not decode is a grey square")
        #expect(try sheet.jpeg().prefix(2) == Data([0xFF, 0xD8]))
    }

    @Test func picturesInlineInTerminalsThatShowThem() {
        #expect(InlineImage.supported(environment: ["KITTY_WINDOW_ID": "1"]) == .kitty)
        #expect(InlineImage.supported(environment: ["TERM_PROGRAM": "iTerm.app"]) == .iterm)
        #expect(InlineImage.supported(environment: ["TERM": "xterm-sixel"]) == .sixel)
        #expect(InlineImage.supported(environment: ["TERM": "xterm-256color"]) == nil)
        #expect(
            InlineImage.supported(environment: ["TERM_PROGRAM": "iTerm.app", "AUTOML_INLINE_IMAGES": "none"]) == nil)
        let pixels = [UInt8](repeating: 200, count: 64 * 64 * 3)
        let kitty = InlineImage.kitty.sequence(jpeg: Data(), pixels: pixels, width: 64, height: 64)
        #expect(kitty.hasPrefix("\u{1B}_Ga=T,f=24,s=64,v=64,m=1;"))
        #expect(kitty.contains("\u{1B}_Gm=0;"), "the last chunk says it is the last")
        let iterm = InlineImage.iterm.sequence(jpeg: Data([0xFF, 0xD8]), pixels: pixels, width: 64, height: 64)
        #expect(iterm == "\u{1B}]1337;File=inline=1;size=2;preserveAspectRatio=1:/9g=\u{07}\n")
        let sixel = InlineImage.sixel.sequence(jpeg: Data(), pixels: pixels, width: 64, height: 64)
        #expect(sixel.hasPrefix("\u{1B}Pq\"1;1;64;64"))
        #expect(sixel.hasSuffix("\u{1B}\\\n"))
        #expect(sixel.contains("!64"), "runs of one colour are compressed")
    }
}
