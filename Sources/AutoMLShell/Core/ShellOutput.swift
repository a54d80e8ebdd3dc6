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
    /// The terminal width, for progress lines and the views drawn on a terminal.
    package var width: Int
    /// The width results (tables) are fitted to: the terminal's when standard output is one; otherwise
    /// ``unlimitedWidth``, so a table in a pipe or a file is never cut.
    package var resultWidth: Int

    /// Pages a long result and says whether it did (standard output is a terminal and a pager is configured); nil
    /// when results are never paged (a pipe, a file, tests).
    package var pager: (@Sendable (String) -> Bool)?

    /// A width no table reaches.
    package static let unlimitedWidth = 1 << 20

    package init(
        standardOutput: @escaping @Sendable (String) -> Void,
        standardError: @escaping @Sendable (String) -> Void,
        colors: Bool = false, interactive: Bool = false, width: Int = 100, resultWidth: Int? = nil
    ) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.colors = colors
        self.interactive = interactive
        self.width = width
        self.resultWidth = resultWidth ?? width
    }
}
