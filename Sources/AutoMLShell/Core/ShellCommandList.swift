import ArgumentParser
import Foundation

/// The commands with their one-line abstracts, for `automl --help`.
package enum ShellCommandList {
    package static var summary: String {
        ShellRoot.configuration.subcommands.map { command in
            let name = command.configuration.commandName ?? ""
            let subcommands = command.configuration.subcommands.compactMap { $0.configuration.commandName }
            let shown = subcommands.isEmpty ? name : "\(name) \(subcommands.joined(separator: "|"))"
            // Long command lines get their abstract on the next line, so the column stays readable.
            guard shown.count <= 32 else {
                return "  \(shown)\n" + String(repeating: " ", count: 37) + command.configuration.abstract
            }
            return "  " + shown.padding(toLength: 34, withPad: " ", startingAt: 0) + " "
                + command.configuration.abstract
        }.joined(separator: "\n")
    }
}
