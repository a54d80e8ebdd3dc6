import AutoMLClient
import Testing

@testable import AutoMLShell

@Suite("Renderer: yaml")
struct YAMLRendererTests {
    private func yaml(_ value: JSONValue) -> String {
        Renderer.render(value, format: .yaml, colors: false, width: 80)
    }

    @Test func blockStyleWithListsAndEmptyContainers() {
        let value: JSONValue = .object([
            "name": .string("top"),
            "labels": .object([:]),
            "tags": .array([]),
            "items": .array([
                .object(["name": .string("a"), "sizes": .array([.integer(1), .integer(2)])]),
                .object([:]),
                .array([.string("x"), .string("z")]),
                .string("plain"),
            ]),
            "nested": .object(["deep": .object(["value": .bool(true)])]),
        ])
        #expect(
            yaml(value) == """
                name: top
                items:
                  - name: a
                    sizes:
                      - 1
                      - 2
                  - {}
                  - - x
                    - z
                  - plain
                labels: {}
                nested:
                  deep:
                    value: true
                tags: []

                """)
    }

    @Test func scalarsAtTheTop() {
        #expect(yaml(.object([:])) == "{}\n")
        #expect(yaml(.array([])) == "[]\n")
        #expect(yaml(.string("8000")) == "'8000'\n")
        #expect(yaml(.null) == "null\n")
    }

    @Test(arguments: [
        ("flowers_v2", "flowers_v2"),
        ("projects/p/locations/us-central1/models/ICN1", "projects/p/locations/us-central1/models/ICN1"),
        ("type.googleapis.com/google.cloud.automl.v1.Model", "type.googleapis.com/google.cloud.automl.v1.Model"),
        ("gs://bucket/path/file.csv", "gs://bucket/path/file.csv"),
        ("MODEL_CONVERGED", "MODEL_CONVERGED"),
        ("a b c", "a b c"),
        ("-flag", "-flag"),
        ("it's", "it's"),
        ("", "''"),
        (" lead", "' lead'"),
        ("trail ", "'trail '"),
        ("8000", "'8000'"),
        ("-12", "'-12'"),
        ("0.93", "'0.93'"),
        (".5", "'.5'"),
        ("1e5", "'1e5'"),
        ("0x1F", "'0x1F'"),
        ("2024-03-01T10:15:30Z", "'2024-03-01T10:15:30Z'"),
        ("12:30", "'12:30'"),
        ("true", "'true'"),
        ("False", "'False'"),
        ("yes", "'yes'"),
        ("off", "'off'"),
        ("Y", "'Y'"),
        ("null", "'null'"),
        ("~", "'~'"),
        (".inf", "'.inf'"),
        ("- item", "'- item'"),
        ("-", "'-'"),
        ("key: value", "'key: value'"),
        ("ends:", "'ends:'"),
        ("a #comment", "'a #comment'"),
        ("@type", "'@type'"),
        ("*alias", "'*alias'"),
        ("{x}", "'{x}'"),
        ("'quoted'", "'''quoted'''"),
        ("\"dq\"", "'\"dq\"'"),
        ("line\nbreak", "\"line\\nbreak\""),
        ("tab\there", "\"tab\\there\""),
    ])
    func quotesStringsOnlyWhenNeeded(input: String, expected: String) {
        #expect(YAMLScalar.text(input) == expected)
    }

    @Test func typedScalarsAreNotQuoted() {
        let value: JSONValue = .object([
            "int": .integer(3), "float": .number(0.25), "bool": .bool(false),
            "null": .null, "text": .string("3"), "y": .string("n"),
        ])
        #expect(yaml(value) == "bool: false\nfloat: 0.25\nint: 3\n'null': null\ntext: '3'\n'y': 'n'\n")
    }

    @Test func anyTypeComesFirstAndIsQuoted() {
        let value: JSONValue = .object(["name": .string("m"), "@type": .string("type.googleapis.com/x.Y")])
        #expect(yaml(value) == "'@type': type.googleapis.com/x.Y\nname: m\n")
    }
}
