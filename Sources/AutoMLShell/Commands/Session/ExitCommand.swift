import ArgumentParser

/// `exit` (also `quit`): leaves the shell.
struct ExitCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "exit", abstract: "Leave the shell.", aliases: ["quit"])

    func run(in session: ShellSession) async throws {
        session.exitRequested = true
    }
}
