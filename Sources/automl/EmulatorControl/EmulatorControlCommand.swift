import ArgumentParser

/// `automl emulator status|stop|logs|token|start`: the local server that `automl` starts by itself for its data
/// folder. (`automl emulator` with anything else runs a server in the foreground: `EmulatorExec`.)
struct EmulatorControlCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract:
            "The local server: status, stop, logs, token, start (`automl emulator --help` for a server in the foreground).",
        subcommands: [
            EmulatorStatusCommand.self, EmulatorStopCommand.self, EmulatorLogsCommand.self,
            EmulatorTokenCommand.self, EmulatorStartCommand.self,
        ])

    static var subcommandNames: Set<String> {
        Set(configuration.subcommands.compactMap { $0.configuration.commandName })
    }
}
