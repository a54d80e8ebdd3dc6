import ArgumentParser
import AutoMLClient

/// `set format F`, `set on-error continue|stop`, `set project P`, `set location L`.
struct SetCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Set an option: format json|yaml|table|value(FIELD,...), on-error continue|stop.")

    @Argument(help: "format, on-error, project or location.") var key: String
    @Argument(help: "The value.") var value: String

    /// What each key's value completes from (Tab after `set KEY `); the keys themselves complete after `set `.
    static let valueCompletions: [String: ValueCompletion] = [
        "format": .words(OutputFormat.completions),
        "on-error": .words(["continue", "stop"]),
        "project": .resource(.project),
        "location": .resource(.location),
    ]

    func run(in session: ShellSession) async throws {
        switch key {
        case "format":
            guard let format = OutputFormat(parsing: value) else {
                throw ShellError("\"\(value)\" is not a format", hint: "use json, yaml, table or value(FIELD,...)")
            }
            session.update { $0.format = format }
        case "on-error":
            guard ["continue", "stop"].contains(value) else {
                throw ShellError("on-error takes continue or stop")
            }
            session.update { $0.continueOnError = value == "continue" }
        case "project":
            try await UseProjectCommand(project: value).run(in: session)
        case "location":
            try await UseLocationCommand(location: value).run(in: session)
        default:
            throw ShellError("unknown option \"\(key)\"",
                             hint: "options are \(Self.valueCompletions.keys.sorted().joined(separator: ", "))")
        }
    }
}

extension UseProjectCommand {
    init(project: String) {
        self.init()
        self.project = project
    }
}

extension UseLocationCommand {
    init(location: String) {
        self.init()
        self.location = location
    }
}
