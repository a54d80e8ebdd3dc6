import ArgumentParser
package import Foundation

/// The manual page `automl(1)`, made from the command definitions themselves (ArgumentParser's description of every
/// command, argument and option), so it cannot say other than `help` does. `automl __man` prints it; docs/automl.1 is
/// its committed copy, which `make install` installs and a test keeps equal to it.
package enum ManPage {
    /// The page in troff (`man -l docs/automl.1` shows it).
    package static func render(version: String) throws -> String {
        let commands = try dumped(ShellRoot.self)
        var page = """
            .TH AUTOML 1 "" "automl \(version)" "User Commands"
            .SH NAME
            automl \\- train image models with the AutoML API v1 or Vertex AI, on this machine or in Google Cloud
            .SH SYNOPSIS
            .B automl
            [\\fIOPTIONS\\fR]
            .br
            .B automl
            [\\fIOPTIONS\\fR] \\fICOMMAND\\fR ...
            .br
            .B automl
            [\\fIOPTIONS\\fR] \\fB\\-c\\fR \\fI"CMD; CMD"\\fR | \\fB\\-f\\fR \\fIFILE\\fR
            .br
            .B automl emulator
            status|stop|logs|token|start
            .br
            .B automl completion
            bash|zsh|fish
            .SH DESCRIPTION
            Without a command on a terminal, \\fBautoml\\fR is an interactive shell that keeps the current project, \
            location, dataset, model and operation, completes resource IDs with Tab, and prints results as JSON. \
            Piped input is read as a transcript, one command per line. A command after the options runs once. \
            The default backend is a local server that speaks the AutoML API v1 and Vertex AI's image subset, keeps \
            its data in SQLite and trains with libtorch; \\fBautoml\\fR starts it by itself.

            """
        // The options as `automl --help` words them (ShellOptions takes the command's words too, so it has no
        // dump of its own).
        let help = ShellOptions.helpMessage(columns: 100).components(separatedBy: "\n")
            .drop { !$0.hasPrefix("OPTIONS") }.dropFirst()
        page += ".SH OPTIONS\n.nf\n" + help.map(escape).joined(separator: "\n") + "\n.fi\n"
        page += ".SH COMMANDS\nThe same words work in the shell and after \\fBautoml\\fR.\n"
        for command in flattened(commands, path: []) {
            page += section(command.command, path: command.path)
        }
        page += """
            .SH ENVIRONMENT
            .TP
            .B AUTOML_ENDPOINT
            The endpoint when none is saved or given.
            .TP
            .B PAGER
            The pager of long results on a terminal (\\fBless \\-FRX\\fR when unset; empty: none).
            .TP
            .B NO_COLOR
            No colour when set and not empty.
            .TP
            .B GOOGLE_OAUTH_ACCESS_TOKEN, GOOGLE_APPLICATION_CREDENTIALS
            Credentials for Google's services.
            .SH FILES
            .TP
            .I $XDG_CONFIG_HOME/automl/automlrc
            Commands run at the start of the interactive shell (\\fB\\-\\-no\\-rc\\fR skips them).
            .TP
            .I $XDG_CONFIG_HOME/automl/session.json
            The saved context.
            .TP
            .I $XDG_DATA_HOME/automl/local
            The local server's data.
            .SH SEE ALSO
            The documentation in docs/shell.md, docs/emulator.md and docs/vertex.md of the source.

            """
        return page
    }

    private static func dumped(_ root: any ParsableCommand.Type) throws -> DumpedCommand {
        try JSONDecoder().decode(DumpedToolInfo.self, from: try DumpedToolInfo.json(of: root)).command
    }

    /// Every shown command with its path, depth first; groups appear through their subcommands.
    private static func flattened(_ command: DumpedCommand, path: [String]) -> [(
        command: DumpedCommand, path: [String]
    )] {
        (command.subcommands ?? []).filter { $0.shouldDisplay != false && $0.commandName != "help" }.flatMap {
            sub -> [(command: DumpedCommand, path: [String])] in
            let children = flattened(sub, path: path + [sub.commandName])
            return children.isEmpty ? [(sub, path + [sub.commandName])] : children
        }
    }

    private static func section(_ command: DumpedCommand, path: [String]) -> String {
        let shown = (command.arguments ?? []).filter {
            $0.shouldDisplay != false && !($0.names ?? []).contains { $0.name == "help" }
        }
        let usage = shown.filter { $0.kind == "positional" }.map {
            "\\fI\(escape(($0.valueName ?? "value").uppercased()))\\fR"
        }
        var text = ".SS \"\(escape(path.joined(separator: " ")))\"\n"
        if !usage.isEmpty {
            text += ".B \(escape(path.joined(separator: " ")))\n" + usage.joined(separator: " ") + "\n.br\n"
        }
        if let abstract = command.abstract, !abstract.isEmpty { text += paragraph(abstract) }
        if let discussion = command.discussion, !discussion.isEmpty { text += ".PP\n" + paragraph(discussion) }
        for argument in shown where argument.kind != "positional" { text += option(argument) }
        return text
    }

    private static func option(_ argument: DumpedArgument) -> String {
        let names = (argument.names ?? []).map { ($0.kind == "long" ? "\\-\\-" : "\\-") + escape($0.name) }
        var head = "\\fB" + names.joined(separator: "\\fR, \\fB") + "\\fR"
        if argument.kind == "option" { head += " \\fI\(escape(argument.valueName ?? "value"))\\fR" }
        var body = argument.abstract ?? ""
        if let value = argument.defaultValue, !value.isEmpty { body += " (default: \(value))" }
        return ".TP\n\(head)\n" + paragraph(body)
    }

    /// Text as troff input: backslashes and hyphens escaped, no line starting with a control character.
    private static func paragraph(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let escaped = escape(String(line))
            return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
        }.joined(separator: "\n") + "\n"
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
    }
}
