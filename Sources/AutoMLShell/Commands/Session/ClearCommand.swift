import ArgumentParser

/// `clear`: clears the terminal (Ctrl-L does it while typing); nothing when the output is not a terminal.
struct ClearCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear", abstract: "Clear the terminal (Ctrl-L also does, while typing).")

    func run(in session: ShellSession) async throws {
        guard session.output.interactive else { return }
        session.output.standardOutput("\u{1B}[H\u{1B}[2J")
    }
}
