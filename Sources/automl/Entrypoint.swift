import ArgumentParser
import AutoMLClient

/// `automl`: the interactive shell and one-shot commands for AutoML API v1 image models, and the local backend.
@main
struct AutoMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "automl",
        abstract: "Train image models with the AutoML API v1, on this machine or against any v1 endpoint.",
        discussion: """
            `automl emulator` runs the local backend, an AutoML API v1 server on this machine. The interactive \
            shell and its one-shot commands are being built.
            """,
        version: AutoMLClientVersion.current,
        subcommands: [EmulatorCommand.self, VersionCommand.self]
    )
}

/// `automl version`: the version, also printed by `automl --version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")

    func run() {
        print("automl \(AutoMLClientVersion.current)")
    }
}
