import ArgumentParser

/// A command of the shell: parsed by swift-argument-parser from the words of a line (the same definition
/// serves the one-shot CLI, help and Tab completion), then run with the session.
protocol ShellCommand: ParsableCommand {
    func run(in session: ShellSession) async throws
}

/// A command that only groups subcommands (`dataset`, `model`, `operation`, `use`); run alone it shows its help.
protocol CommandGroup: ParsableCommand {}

/// A command that starts a long-running operation and makes it the current one (`train`, `dataset import`, …).
/// When it fails before its operation has started, the current operation is cleared, so that a `watch` after it
/// (with `set on-error continue`) does not follow an older operation and report it done.
protocol StartsOperation: ShellCommand {}
