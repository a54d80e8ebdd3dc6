import AutoMLClient
import Foundation
import Testing

@testable import AutoMLShell

@Suite("Renderer: json")
struct JSONRendererTests {
    private func json(_ value: JSONValue, colors: Bool = false) -> String {
        Renderer.render(value, format: .json, colors: colors, width: 80)
    }

    @Test func nameAndDisplayNameComeFirstThenSortedAtEveryLevel() {
        let value: JSONValue = .object([
            "zeta": .integer(1), "displayName": .string("d"), "alpha": .bool(true), "name": .string("n"),
            "inner": .object(["b": .null, "name": .string("x"), "a": .number(0.5)]),
        ])
        #expect(
            json(value) == """
                {
                  "name": "n",
                  "displayName": "d",
                  "alpha": true,
                  "inner": {
                    "name": "x",
                    "a": 0.5,
                    "b": null
                  },
                  "zeta": 1
                }

                """)
    }

    @Test func emptyContainersAndArrays() {
        let value: JSONValue = .object([
            "e": .object([:]), "l": .array([]), "xs": .array([.integer(1), .string("two")]),
        ])
        #expect(json(value) == "{\n  \"e\": {},\n  \"l\": [],\n  \"xs\": [\n    1,\n    \"two\"\n  ]\n}\n")
        #expect(json(.array([])) == "[]\n")
    }

    @Test func stringsAreEscaped() {
        #expect(json(.string("a\"b\\c\nd\te\u{01}/é")) == "\"a\\\"b\\\\c\\nd\\te\\u0001/é\"\n")
    }

    @Test func numbersInShortestForm() {
        #expect(
            json(.array([.number(24), .number(0.93), .number(1e-5), .integer(-3), .number(.nan)]))
                == "[\n  24,\n  0.93,\n  1e-05,\n  -3,\n  \"NaN\"\n]\n")
    }

    @Test func outputReadsBackAsTheSameMessage() throws {
        let model = RenderingFixtures.flowersModel
        let text = json(model.protoJSON(options: .canonical))
        let decoded = try Model(jsonData: Data(text.utf8))
        #expect(decoded == model)
        let operation = RenderingFixtures.trainingDone
        let operationText = json(operation.protoJSON(options: .canonical))
        #expect(try LongRunningOperation(jsonData: Data(operationText.utf8)) == operation)
    }

    @Test func coloursKeysStringsNumbersAndLiterals() {
        let value: JSONValue = .object(["name": .string("n"), "n": .integer(2), "ok": .bool(false), "x": .null])
        let esc = "\u{1B}["
        #expect(
            json(value, colors: true) == """
                {
                  \(esc)36m"name"\(esc)0m: \(esc)32m"n"\(esc)0m,
                  \(esc)36m"n"\(esc)0m: \(esc)33m2\(esc)0m,
                  \(esc)36m"ok"\(esc)0m: \(esc)35mfalse\(esc)0m,
                  \(esc)36m"x"\(esc)0m: \(esc)35mnull\(esc)0m
                }\(esc)0m

                """)
    }

    @Test(arguments: [OutputFormat.json, .yaml, .table, .value(["name", "displayName"])])
    func neverColoursWhenColoursAreOff(format: OutputFormat) {
        let values = [
            RenderingFixtures.models.protoJSON(options: .canonical),
            RenderingFixtures.trainingDone.protoJSON(options: .canonical),
        ]
        for value in values {
            #expect(!Renderer.render(value, format: format, colors: false, width: 80).contains("\u{1B}"))
        }
    }

    @Test func valueFormatIsNeverColoured() {
        let value = RenderingFixtures.json(RenderingFixtures.models)
        #expect(!Renderer.render(value, format: .value(["name"]), colors: true, width: 80).contains("\u{1B}"))
    }
}
