/// Where the shell writes: results to standard output, messages to standard error. Commands never print;
/// they write here, so tests capture everything and a pipe gets no colour.
package struct ShellOutput: Sendable {
    /// Writes text to standard output.
    package var standardOutput: @Sendable (String) -> Void
    /// Writes text to standard error.
    package var standardError: @Sendable (String) -> Void
    /// Whether colour escapes may be written (a terminal, `TERM` not `dumb`, no `NO_COLOR`).
    package var colors: Bool
    /// Whether live progress lines (carriage-return updates) may be written.
    package var interactive: Bool
    /// The terminal width, for tables and progress lines.
    package var width: Int

    package init(
        standardOutput: @escaping @Sendable (String) -> Void,
        standardError: @escaping @Sendable (String) -> Void,
        colors: Bool = false, interactive: Bool = false, width: Int = 100
    ) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.colors = colors
        self.interactive = interactive
        self.width = width
    }
}
