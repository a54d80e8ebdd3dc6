import ArgumentParser

/// A command of the shell: parsed by swift-argument-parser from the words of a line (the same definition
/// serves the one-shot CLI, help and Tab completion), then run with the session.
protocol ShellCommand: ParsableCommand {
    func run(in session: ShellSession) async throws
}

/// A command that only groups subcommands (`dataset`, `model`, `operation`, `use`); run alone it shows its help.
protocol CommandGroup: ParsableCommand {}
