import AutoMLClient
import AutoMLShell
import Testing

/// Interactive, colour and width, decided from the environment and from what isatty and the ioctl say.
@Suite struct TerminalCapabilitiesTests {
    private func capabilities(
        _ environment: [String: String] = ["TERM": "xterm-256color"], stdin: Bool = true,
        stdout: Bool = true, columns: Int? = 120
    ) -> TerminalCapabilities {
        TerminalCapabilities(
            environment: EnvironmentVariables(environment), standardInputIsTerminal: stdin,
            standardOutputIsTerminal: stdout, windowColumns: columns)
    }

    @Test func interactiveNeedsBothEndsOnATerminal() {
        #expect(capabilities().interactive)
        #expect(!capabilities(stdin: false).interactive)  // automl < transcript
        #expect(!capabilities(stdout: false).interactive)  // automl | less
    }

    @Test func colourNeedsATerminalOnOutputAndNoOptOut() {
        #expect(capabilities().colors)
        #expect(capabilities(stdin: false).colors)  // input piped, output still a terminal
        #expect(!capabilities(stdout: false).colors)
        #expect(!capabilities(["TERM": "dumb"]).colors)
        #expect(!capabilities(["TERM": "xterm", "NO_COLOR": "1"]).colors)
        #expect(capabilities(["TERM": "xterm", "NO_COLOR": ""]).colors)  // empty means unset (no-color.org)
        #expect(capabilities([:]).colors)
    }

    @Test func widthComesFromCOLUMNSThenTheWindowThen80() {
        #expect(capabilities(["COLUMNS": "100"], columns: 120).width == 100)
        #expect(capabilities(["COLUMNS": "wide"], columns: 120).width == 120)
        #expect(capabilities(["COLUMNS": "0"], columns: 120).width == 120)
        #expect(capabilities(columns: nil).width == 80)
        #expect(capabilities(columns: 0).width == 80)
        #expect(capabilities(["COLUMNS": "132"], stdout: false, columns: nil).width == 132)
    }

    /// Tables in a pipe or a file are never cut (progress lines on a terminal still fit it).
    @Test func resultsAreFittedOnlyWhenStandardOutputIsATerminal() {
        #expect(capabilities(columns: 90).resultWidth == 90)
        #expect(capabilities(stdin: false, columns: 90).resultWidth == 90)
        #expect(capabilities(stdout: false, columns: 90).resultWidth == ShellOutput.unlimitedWidth)
        #expect(capabilities(["COLUMNS": "60"], stdout: false, columns: 90).resultWidth == ShellOutput.unlimitedWidth)
        #expect(capabilities(stdout: false, columns: 90).width == 90)
    }

    @Test func theProcessIsNotATerminalUnderTheTestRunner() {
        // `swift test` output is piped here (and in CI); this only checks that asking the process works.
        let current = TerminalCapabilities.current(environment: EnvironmentVariables(["COLUMNS": "77"]))
        #expect(current.width == 77)
    }

    /// `--color`: auto follows the terminal (one-shot commands and scripts too), always and never decide.
    @Test func colourChoice() {
        #expect(ShellLauncher.colors(nil, capabilities: capabilities()) == true)
        #expect(ShellLauncher.colors("auto", capabilities: capabilities(stdin: false)) == true)
        #expect(ShellLauncher.colors("auto", capabilities: capabilities(stdout: false)) == false)
        #expect(ShellLauncher.colors("auto", capabilities: capabilities(["NO_COLOR": "1"])) == false)
        #expect(ShellLauncher.colors("always", capabilities: capabilities(stdout: false)) == true)
        #expect(ShellLauncher.colors("never", capabilities: capabilities()) == false)
        #expect(ShellLauncher.colors("sometimes", capabilities: capabilities()) == nil)
    }
}
