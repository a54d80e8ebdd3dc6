import AutoMLClient
import Testing

@testable import AutoMLShell

/// A list printed page by page reads exactly as the whole response renders.
@Suite struct ListingRendererTests {
    private let items: [JSONValue] = (0..<6).map { index in
        .object([
            "name": .string("projects/p/locations/l/models/ICN\(index)"), "displayName": .string("model \(index)"),
            "imageClassificationModelMetadata": .object(["trainBudgetMilliNodeHours": .string("8000")]),
            "labels": index == 2 ? .object([:]) : .array([.string("a"), .integer(Int64(index))]),
        ])
    }

    @Test(arguments: [OutputFormat.json, .yaml, .value(["name:id", "displayName"])], [false, true])
    func pagesReadAsTheWholeResponse(format: OutputFormat, colors: Bool) {
        var renderer = ListingRenderer(format: format, collection: "model", colors: colors)
        var text = ""
        for page in [items[0..<2], items[2..<5], items[5..<6], items[6..<6]] {
            text += renderer.pageText(Array(page)) ?? "nil"
        }
        text += renderer.endText()
        let whole = Renderer.render(.object(["model": .array(items)]), format: format, colors: colors, width: 100)
        #expect(text == whole)
    }

    @Test(arguments: [OutputFormat.json, .yaml])
    func anEmptyListReadsAsTheEmptyResponse(format: OutputFormat) {
        var renderer = ListingRenderer(format: format, collection: "datasets", colors: false)
        let text = (renderer.pageText([]) ?? "nil") + renderer.endText()
        #expect(text == Renderer.render(.object([:]), format: format, colors: false, width: 100))
    }

    @Test func anEmptyListPrintsNoValueLines() {
        var renderer = ListingRenderer(format: .value(["name"]), collection: "datasets", colors: false)
        #expect((renderer.pageText([]) ?? "nil") + renderer.endText() == "")
    }

    @Test func tablesWaitForEveryRow() {
        var renderer = ListingRenderer(format: .table, collection: "model", colors: false)
        #expect(!renderer.streams)
        #expect(renderer.pageText(items) == nil)
    }
}
