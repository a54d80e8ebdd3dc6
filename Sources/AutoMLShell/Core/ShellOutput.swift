/// Where the shell writes: results to standard output, messages to standard error. Commands never print;
/// they write here, so tests capture everything and a pipe gets no colour.
public struct ShellOutput: Sendable {
    /// Writes text to standard output.
    public var standardOutput: @Sendable (String) -> Void
    /// Writes text to standard error.
    public var standardError: @Sendable (String) -> Void
    /// Whether colour escapes may be written (a terminal, `TERM` not `dumb`, no `NO_COLOR`).
    public var colors: Bool
    /// Whether live progress lines (carriage-return updates) may be written.
    public var interactive: Bool
    /// The terminal width, for tables and progress lines.
    public var width: Int

    public init(standardOutput: @escaping @Sendable (String) -> Void,
                standardError: @escaping @Sendable (String) -> Void,
                colors: Bool = false, interactive: Bool = false, width: Int = 100) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.colors = colors
        self.interactive = interactive
        self.width = width
    }
}
