import AutoMLClient
import Testing

@testable import AutoMLShell

@Suite("Renderer: value(...)")
struct ValueRendererTests {
    private func value(_ result: JSONValue, _ fields: [String]) -> String {
        Renderer.render(result, format: .value(fields), colors: false, width: 80)
    }

    @Test func oneTabSeparatedLinePerItem() {
        let text = value(RenderingFixtures.json(RenderingFixtures.models), ["name:id", "displayName"])
        #expect(
            text == """
                ICN1234567890123456789\tflowers_20240301
                ICN2345678901234567890\tflowers_resumed_with_a_long_name
                IOD3456789012345678901\tsalad_detector

                """)
    }

    @Test func oneLineForASingleObject() {
        let text = value(
            RenderingFixtures.json(RenderingFixtures.trainingDone),
            ["metadata.progressPercent", "response.name:id", "done"])
        #expect(text == "100\tICN1234567890123456789\ttrue\n")
    }

    @Test func missingFieldsAreEmpty() {
        let result: JSONValue = .object(["name": .string("x")])
        #expect(value(result, ["nope", "name", "a.b[3]", "bad[path"]) == "\tx\t\t\n")
    }

    @Test func indexesAndContainers() {
        let result: JSONValue = .object([
            "name": .string("x"), "a": .array([.object(["b": .integer(1)]), .object(["b": .integer(2)])]),
        ])
        #expect(value(result, ["a[1].b", "a[0]", "a"]) == "2\t{\"b\":1}\t[{\"b\":1},{\"b\":2}]\n")
    }

    @Test func anObjectWhoseOnlyMemberIsAListOfObjectsIsAList() {
        let result: JSONValue = .object(["a": .array([.object(["b": .integer(1)]), .object(["b": .integer(2)])])])
        #expect(value(result, ["b"]) == "1\n2\n")
    }

    @Test func controlCharactersBecomeSpacesSoEachItemIsOneLine() {
        let result: JSONValue = .object(["name": .string("x"), "message": .string("a\nb\tc")])
        #expect(value(result, ["message", "name"]) == "a b c\tx\n")
    }

    @Test func bareArrayAndEmptyList() {
        #expect(value(.array([.object(["n": .integer(1)]), .object(["n": .integer(2)])]), ["n"]) == "1\n2\n")
        #expect(value(.array([]), ["n"]) == "")
        #expect(value(.object(["model": .array([])]), ["name"]) == "")
    }
}

@Suite("ResultPath")
struct ResultPathTests {
    @Test(arguments: [
        ("name", [ResultPath.Component.key("name")], false),
        ("name:id", [.key("name")], true),
        ("metadata.progressPercent", [.key("metadata"), .key("progressPercent")], false),
        ("model[0].name:id", [.key("model"), .index(0), .key("name")], true),
        ("[2]", [.index(2)], false),
        ("a[1][2].@type", [.key("a"), .index(1), .index(2), .key("@type")], false),
        ("", [], false),
    ])
    func parses(text: String, components: [ResultPath.Component], takesID: Bool) {
        let path = ResultPath(parsing: text)
        #expect(path == ResultPath(components: components, takesID: takesID))
        #expect(path?.description == text)
    }

    @Test(arguments: ["a..b", ".a", "a.", "a[x]", "a[1", "a[-1]", "a[+1]", "a]b", "a[1]b"])
    func rejects(text: String) {
        #expect(ResultPath(parsing: text) == nil)
    }
}
