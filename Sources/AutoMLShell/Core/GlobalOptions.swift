/// `--endpoint`, `--project`, `--location` and `--format`: options of every command, anywhere on its line, as
/// gcloud's global flags are (`automl models --format table`, `context --project p`, `--format=yaml`). They apply
/// to that command (or that one-shot run) only and are never saved.
package enum GlobalOptions {
    /// The options, as completion describes them (their values complete as `automl`'s own options do).
    package static let specs: [ArgumentSpec] = ["endpoint", "project", "location", "format"].map { name in
        ArgumentSpec(
            kind: .option, names: ["--" + name], valueName: name,
            completion: .inferred(valueName: name, allValues: nil, completionKind: nil))
    }

    /// The option names with their dashes.
    static let names: Set<String> = Set(specs.flatMap(\.names))

    /// Splits a command's words into its own words and the global options among them. Words after `--` are the
    /// command's, whatever they look like.
    ///
    /// - Throws: ``ShellError`` for an option without a value or a value that does not parse.
    package static func extract(from words: [String]) throws -> (words: [String], overrides: ContextOverrides) {
        var remaining: [String] = []
        var values: [String: String] = [:]
        var index = 0
        while index < words.count {
            let word = words[index]
            if word == "--" {
                remaining += words[index...]
                break
            }
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard names.contains(name) else {
                remaining.append(word)
                index += 1
                continue
            }
            if parts.count == 2 {
                values[name] = String(parts[1])
                index += 1
            } else {
                guard index + 1 < words.count else {
                    throw ShellError("\(name) needs a value", hint: usage(name))
                }
                values[name] = words[index + 1]
                index += 2
            }
        }
        let overrides = try ContextOverrides.parse(
            endpoint: values["--endpoint"], project: values["--project"],
            location: values["--location"], format: values["--format"])
        return (remaining, overrides)
    }

    private static func usage(_ name: String) -> String {
        switch name {
        case "--endpoint": "--endpoint local, cloud or a URL"
        case "--format": "--format json, yaml, table or value(FIELD,...)"
        default: "\(name) ID"
        }
    }
}
