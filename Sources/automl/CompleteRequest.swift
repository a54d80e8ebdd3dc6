import AutoMLClient
import AutoMLShell
import Foundation

/// `automl __complete CWORD WORD...`: what Tab offers for WORD number CWORD of `automl WORD...`, for the
/// completion scripts in `completions/`. Hidden from help; it reads the session and cache files only.
///
/// Prints one candidate per line: `WORD`, or `WORD<TAB>DESCRIPTION` when there is a display name to show.
/// WORD is the whole word after completion (`--format=yaml`); a folder (`runs/`) or `value(` takes no space.
enum CompleteRequest {
    static let name = "__complete"

    static func run(_ arguments: [String]) -> Int32 {
        guard let first = arguments.first, let cword = Int(first), cword >= 0 else {
            FileHandle.standardError.write(Data("usage: automl \(name) CWORD [WORD...]\n".utf8))
            return 2
        }
        let candidates = ExternalCompletion.candidates(
            words: Array(arguments.dropFirst()), cword: cword, environment: .process,
            extraRoot: try? CommandTree(root: AutoMLCommand.self).root)
        var text = ""
        for candidate in candidates where !candidate.word.contains(where: \.isNewline) {
            text += candidate.word
            if let description = candidate.description {
                text += "\t" + String(description.map { $0.isNewline || $0 == "\t" ? " " : $0 })
            }
            text += "\n"
        }
        FileHandle.standardOutput.write(Data(text.utf8))
        return 0
    }
}
