import ArgumentParser
import AutoMLShell
import Foundation

/// `automl completion bash|zsh|fish`: prints the login shell's completion script, which asks `automl __complete` for
/// the candidates, as Tab inside the shell would.
struct CompletionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion", abstract: "Print the completion script of bash, zsh or fish.",
        discussion: """
            bash: `source <(automl completion bash)` in ~/.bashrc, or save it as \
            ~/.local/share/bash-completion/completions/automl. zsh: save it as _automl in a folder of $fpath. fish: \
            save it as ~/.config/fish/completions/automl.fish. `make install` puts all three where the shells look.
            """)
    @Argument(help: "bash, zsh or fish.") var shell: String

    func validate() throws {
        guard CompletionScripts.script(for: shell) != nil else {
            throw ValidationError(
                "no completion script for \"\(shell)\": bash, zsh or fish")
        }
    }

    func run() {
        FileHandle.standardOutput.write(Data((CompletionScripts.script(for: shell) ?? "").utf8))
    }
}
