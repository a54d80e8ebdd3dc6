import AutoMLWire

@testable import AutoMLShell

/// The variable expander on any tokenized text, with a context and a last result to read: it expands or throws
/// its own error; text without `$` comes back unchanged.
enum ExpanderTarget {
    static let expander = VariableExpander(
        context: SessionContext(project: "p", dataset: "ICN1", model: "ICN2", operation: "ICN3"),
        lastResult: .object([
            "name": .string("projects/p/locations/us-central1/operations/ICN3"),
            "model": .array([.object(["name": .string("projects/p/locations/us-central1/models/ICN2")])]),
            "count": .number(3),
        ]),
        variables: ["dataset_flowers": "ICN1"])

    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let commands = try? ShellTokenizer.tokenize(text) else { return }
        for command in commands {
            for word in command.words {
                guard let expanded = try? expander.expand(word) else { continue }
                let literal = word.parts.map(\.text).joined()
                if !literal.contains("$") { require(expanded == literal, "text without $ is unchanged") }
            }
        }
    }
}
