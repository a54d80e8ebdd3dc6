package import ArgumentParser

/// The options of `automl` itself: where to connect and how to run. `--endpoint`, `--project`, `--location` and
/// `--format` may also follow the command words (see ``GlobalOptions``); all of them last for the run.
package struct ShellOptions: ParsableArguments {
    @Option(
        help:
            "`local` (the local server), `cloud`, an AutoML v1 endpoint URL, or Vertex AI: `vertex`, `vertex:local`, `vertex:URL`; for this run (default: $AUTOML_ENDPOINT, then the saved session)."
    )
    package var endpoint: String?

    @Option(
        help:
            "The project for this run (default: $GOOGLE_CLOUD_PROJECT, $CLOUDSDK_CORE_PROJECT, then the saved session)."
    )
    package var project: String?

    @Option(help: "The location for this run (default: the saved session, else us-central1).")
    package var location: String?

    @Option(help: "json, yaml, table or value(FIELD,...), for this run.")
    package var format: String?

    @Option(
        help:
            "Colour: auto (when standard output is a terminal, unless NO_COLOR is set or TERM is dumb), always, or never."
    )
    package var color: String?

    @Option(name: [.customShort("f"), .customLong("file")], help: "Run the commands of a file, then exit.")
    package var file: String?

    @Option(name: [.customShort("c"), .customLong("command")], help: "Run commands separated by ';', then exit.")
    package var command: String?

    @Flag(
        name: [.customShort("x"), .customLong("echo")],
        help: "Print each command of a script before it runs (`+ COMMAND`, on standard output).")
    package var echo = false

    @Flag(
        help: "Allow a plain http:// endpoint that is not on this machine (tokens would cross the network unencrypted)."
    )
    package var insecure = false

    @Flag(
        name: .customLong("log-http"),
        help:
            "Print every HTTP exchange to standard error: method, URL, status, time, and the bodies (tokens and keys redacted)."
    )
    package var logHTTP = false

    @Flag(
        name: .customLong("no-rc"),
        help: "Do not run the commands of $XDG_CONFIG_HOME/automl/automlrc when the interactive shell starts.")
    package var noRC = false

    @Argument(parsing: .captureForPassthrough, help: "A command to run once, such as `models --dataset flowers`.")
    package var words: [String] = []

    package init() {}
}
