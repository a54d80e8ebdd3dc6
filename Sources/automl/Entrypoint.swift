import ArgumentParser
import AutoMLClient
import AutoMLShell
import Foundation

/// `automl`: the shell (no arguments), one-shot commands (`automl models`), scripts (`-f`, `-c`, piped
/// input), and the local server's controls (`automl emulator status|stop|logs|token|start`; any other
/// `automl emulator …` runs `automl-emulator …`).
@main
enum Entrypoint {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--version"] || arguments == ["version"] {
            FileHandle.standardOutput.write(Data("automl \(AutoMLClientVersion.current)\n".utf8))
            return
        }
        if arguments.first == CompleteRequest.name {
            exit(CompleteRequest.run(Array(arguments.dropFirst())))
        }
        if arguments.first == "completion" {
            await AutoMLCommand.main(arguments)
            return
        }
        if arguments == ["__man"] {
            do {
                FileHandle.standardOutput.write(Data(try ManPage.render(version: AutoMLClientVersion.current).utf8))
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                exit(1)
            }
            return
        }
        if arguments.first == "emulator" {
            if arguments.count > 1, EmulatorControlCommand.subcommandNames.contains(arguments[1]) {
                await AutoMLCommand.main(arguments)
                return
            }
            exit(EmulatorExec.run(Array(arguments.dropFirst())))
        }
        if arguments == ["--help"] || arguments == ["-h"] {
            FileHandle.standardOutput.write(Data((Usage.text + "\n").utf8))
            return
        }
        let options: ShellOptions
        if let fast = ShellOptions.fastParse(arguments) {
            options = fast
        } else {
            do {
                options = try ShellOptions.parse(arguments)
            } catch {
                ShellOptions.exit(withError: error)
            }
        }
        let environment = EnvironmentVariables.process
        let status = await ShellLauncher.run(
            options: options, environment: environment,
            backends: Backends.factory(environment: environment, insecure: options.insecure, logHTTP: options.logHTTP))
        exit(status)
    }
}

/// `automl emulator` and `automl version`, parsed by ArgumentParser.
struct AutoMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "automl",
        abstract: "Train image models with the AutoML API v1, on this machine or against any v1 endpoint.",
        version: AutoMLClientVersion.current,
        subcommands: [EmulatorControlCommand.self, VersionCommand.self, CompletionCommand.self]
    )
}

/// `automl version`: the version, also printed by `automl --version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")

    func run() {
        print("automl \(AutoMLClientVersion.current)")
    }
}

/// `automl --help`: how to start it, then the shell's commands.
enum Usage {
    static var text: String {
        """
        automl \(AutoMLClientVersion.current): train image models with the AutoML API v1.

        USAGE:
          automl [OPTIONS]                   the interactive shell (a terminal) or a transcript (piped input)
          automl [OPTIONS] COMMAND ...       run one shell command, such as `automl models --dataset flowers`
          automl [OPTIONS] -c "CMD; CMD"     run commands
          automl [OPTIONS] -f FILE           run the commands of a file (also `automl source FILE`)
          automl emulator status|stop|logs|token|start
                                             the local server `automl` starts by itself, in the background
          automl emulator [OPTIONS]          run a local backend server in the foreground (`automl emulator --help`)
          automl completion bash|zsh|fish    print the login shell's completion script (`man automl` after
                                             `make install` describes every command)

        --endpoint, --project, --location and --format may also follow the command words. Like environment
        variables, they last for the run and are never saved; the shell and a one-shot use, set or unset save what
        they change, scripts do not (docs/shell.md, "What is saved").


        """
            + ShellOptions.helpMessage().replacingOccurrences(of: "USAGE: shell-options", with: "")
            .components(separatedBy: "\n").drop { !$0.hasPrefix("ARGUMENTS") && !$0.hasPrefix("OPTIONS") }
            .joined(separator: "\n")
            + "\nCOMMANDS (in the shell, or after automl; `automl help COMMAND` for one):\n"
            + ShellCommandList.summary
    }
}
