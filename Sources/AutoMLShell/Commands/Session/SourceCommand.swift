import ArgumentParser
import Foundation

/// `source FILE`: runs the commands of a file in this session. In the interactive shell what they change in the
/// context stays (and is saved), as a shell's `source` does; in a script or a one-shot run, for that run.
struct SourceCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "source", abstract: "Run the commands of a file in this session.",
        discussion: """
            The commands run as in a script: the first failure stops the file unless `set on-error continue`. \
            A file may source others, up to \(maxDepth) deep.
            """)
    @Argument(help: "A file of commands, one per line.") var file: String

    /// How deep `source` may nest: deep enough for files that share set-up, shallow enough to stop a file that
    /// sources itself at once.
    static let maxDepth = 8

    func run(in session: ShellSession) async throws {
        guard session.sourceDepth < Self.maxDepth else {
            throw ShellError(
                "source \(file): nested more than \(Self.maxDepth) deep",
                hint: "a file that sources itself, or two that source each other, never ends")
        }
        guard let data = FileManager.default.contents(atPath: file) else { throw ShellError("cannot read \(file)") }
        guard let runner = session.runner else { throw ShellError("source is not available here") }
        let nested = session.sourceDepth > 0
        session.sourceDepth += 1
        defer { session.sourceDepth -= 1 }
        let status = await runner.run(text: String(decoding: data, as: UTF8.self), session: session, source: file)
        if status != 0 { throw SourceFailure(file: file, status: status, isNested: nested) }
    }
}

/// A sourced file stopped at an error (already reported); the `source` command fails with its status. Only the
/// outermost `source` says which file stopped; the ones inside it fail silently, as a shell's `source` does.
struct SourceFailure: Error, CustomStringConvertible {
    var file: String
    var status: Int32
    var isNested: Bool
    var description: String { "\(file) stopped at an error" }
}
