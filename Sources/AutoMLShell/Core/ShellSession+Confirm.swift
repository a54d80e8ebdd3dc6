import Foundation

extension ShellSession {
    /// Whether an answer to a `[y/N]` question is yes.
    static func isYes(_ answer: String) -> Bool {
        ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// Asks before something that cannot be undone (a delete), unless `quiet` (`--quiet`). A person at the shell or
    /// at a one-shot command on a terminal answers; a script cannot, so it must say `--quiet` and fails with a
    /// message otherwise. A confirmed command is recorded with `--quiet`, so that its replay does not ask.
    ///
    /// - Throws: ``ShellError`` when there is no one to ask, or the answer is not yes.
    /// - Parameters:
    ///   - question: What is asked, such as `Delete model 123 (flowers_v1)?`.
    ///   - command: The command's words, for the message to a script.
    func confirm(_ question: String, command: String, quiet: Bool) throws {
        if quiet { return }
        guard let confirmer else {
            throw ShellError(
                "`\(command)` asks before deleting, and a script cannot answer",
                hint: "add --quiet to delete without asking")
        }
        guard confirmer(question + " [y/N] ") else {
            throw ShellError("nothing was deleted (not confirmed)")
        }
        replayWords.append("--quiet")
    }
}
