package import AutoMLClient

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the terminal allows: line editing, colour, and how wide to lay out tables and progress lines.
/// A pure function of the environment and of what `isatty` and the window-size ioctl say, so tests
/// pass those in; `current(environment:)` asks the process.
package struct TerminalCapabilities: Sendable, Hashable {
    /// Standard input and output are both terminals: use libedit, prompt, draw live progress lines.
    package var interactive: Bool
    /// Colour escapes may be written: standard output is a terminal, `TERM` is not `dumb`, and
    /// `NO_COLOR` is unset or empty.
    package var colors: Bool
    /// Columns: `COLUMNS` when it is a positive number, else the window size, else 80.
    package var width: Int
    /// Whether standard output is a terminal: results (tables) are fitted to ``width`` only then, and never cut in a
    /// pipe or a file.
    package var outputIsTerminal: Bool

    /// The width results are laid out for: the terminal's, or no limit when standard output is not a terminal.
    package var resultWidth: Int { outputIsTerminal ? width : ShellOutput.unlimitedWidth }

    package init(interactive: Bool, colors: Bool, width: Int, outputIsTerminal: Bool? = nil) {
        self.interactive = interactive
        self.colors = colors
        self.width = width
        self.outputIsTerminal = outputIsTerminal ?? interactive
    }

    /// The rules above, applied to the given facts.
    package init(
        environment: EnvironmentVariables, standardInputIsTerminal: Bool, standardOutputIsTerminal: Bool,
        windowColumns: Int?
    ) {
        interactive = standardInputIsTerminal && standardOutputIsTerminal
        outputIsTerminal = standardOutputIsTerminal
        colors = standardOutputIsTerminal && environment[.term] != "dumb" && environment[.noColor] == nil
        if let columns = environment[.columns].flatMap({ Int($0) }), columns > 0 {
            width = columns
        } else if let windowColumns, windowColumns > 0 {
            width = windowColumns
        } else {
            width = 80
        }
    }

    /// This process's terminal: `isatty` on descriptors 0 and 1, and the window size of the first of
    /// standard output, standard error and standard input that is a terminal.
    package static func current(environment: EnvironmentVariables = .process) -> TerminalCapabilities {
        TerminalCapabilities(
            environment: environment, standardInputIsTerminal: isatty(0) == 1, standardOutputIsTerminal: isatty(1) == 1,
            windowColumns: [1, 2, 0].lazy.compactMap(windowColumns(of:)).first)
    }

    /// The window width of the terminal on `descriptor`, nil when it is not a terminal or does not say.
    static func windowColumns(of descriptor: Int32) -> Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

extension EnvironmentVariables.Key {
    /// The terminal type; `dumb` means no colour.
    package static let term = EnvironmentVariables.Key("TERM")
    /// Set and not empty: no colour (https://no-color.org).
    package static let noColor = EnvironmentVariables.Key("NO_COLOR")
    /// The width to lay out for, overriding the terminal's.
    package static let columns = EnvironmentVariables.Key("COLUMNS")
}
