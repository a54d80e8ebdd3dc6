import ArgumentParser
import AutoMLClient
import AutoMLWire

/// `set format F`, `set on-error continue|stop`, `set echo on|off`, `set pager on|off`, `set project P`, `set location L`.
struct SetCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract:
            "Set an option: format json|yaml|table|value(FIELD,...), on-error continue|stop, echo on|off, pager on|off.",
        discussion: """
            bucket is the Cloud Storage bucket the shell stages files in: the images `dataset import ./FOLDER` \
            uploads, and the exports `labels` and `train` read (the local backend's `automl-shell` when none is set; \
            Google needs one of yours). format, project, location and bucket are saved by the interactive shell and \
            by a one-shot `automl set …`, \
            and last for the run in a script. on-error and echo last for the run they are set in, always: a \
            script starts with on-error stop and echo off (or -x) whatever was typed elsewhere. pager: results \
            longer than the window go through $PAGER (less -FRX when unset; an empty PAGER never pages) on a \
            terminal; `set pager off` prints them straight, for the run (put it in the rc file to keep it).
            """)

    @Argument(help: "format, on-error, echo, pager, bucket, project or location.") var key: String
    @Argument(help: "The value.") var value: String

    /// What each key's value completes from (Tab after `set KEY `); the keys themselves complete after `set `.
    static let valueCompletions: [String: ValueCompletion] = [
        "format": .words(OutputFormat.completions),
        "on-error": .words(["continue", "stop"]),
        "echo": .words(["on", "off"]),
        "pager": .words(["on", "off"]),
        "bucket": .none,
        "project": .resource(.project),
        "location": .resource(.location),
    ]

    func run(in session: ShellSession) async throws {
        switch key {
        case "format":
            guard let format = OutputFormat(parsing: value) else {
                throw ShellError("\"\(value)\" is not a format", hint: "use json, yaml, table or value(FIELD,...)")
            }
            session.setFormat(format)
        case "on-error":
            guard ["continue", "stop"].contains(value) else {
                throw ShellError("on-error takes continue or stop")
            }
            session.update { $0.continueOnError = value == "continue" }
            if session.oneShot {
                session.note("note: on-error lasts for the run it is set in; in a script, set it first")
            }
        case "bucket":
            if let problem = GCSBucketName.problem(value) {
                throw ShellError("\"\(value)\" is not a bucket name: \(problem)")
            }
            session.setBucket(value)
        case "echo":
            guard ["on", "off"].contains(value) else { throw ShellError("echo takes on or off") }
            session.echo = value == "on"
            if session.oneShot {
                session.note("note: echo lasts for the run it is set in; `automl -x -f FILE` echoes a script")
            }
        case "pager":
            guard ["on", "off"].contains(value) else { throw ShellError("pager takes on or off") }
            session.pagerOn = value == "on"
        case "project":
            try await UseProjectCommand(project: value).run(in: session)
        case "location":
            try await UseLocationCommand(location: value).run(in: session)
        default:
            throw ShellError(
                "unknown option \"\(key)\"",
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
