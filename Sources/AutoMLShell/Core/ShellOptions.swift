public import ArgumentParser

/// The options of `automl` itself (before any command words): where to connect and how to run.
public struct ShellOptions: ParsableArguments {
    @Option(help: "An AutoML v1 endpoint URL, `local` (the embedded local backend) or `cloud` (default: $AUTOML_ENDPOINT, then the saved session).")
    public var endpoint: String?

    @Option(help: "The project (default: $GOOGLE_CLOUD_PROJECT, $CLOUDSDK_CORE_PROJECT, then the saved session).")
    public var project: String?

    @Option(help: "The location (default: us-central1).")
    public var location: String?

    @Option(help: "json, yaml, table or value(FIELD,...).")
    public var format: String?

    @Option(name: [.customShort("f"), .customLong("file")], help: "Run the commands of a file, then exit.")
    public var file: String?

    @Option(name: [.customShort("c"), .customLong("command")], help: "Run commands separated by ';', then exit.")
    public var command: String?

    @Argument(parsing: .captureForPassthrough, help: "A command to run once, such as `models --dataset flowers`.")
    public var words: [String] = []

    public init() {}
}
