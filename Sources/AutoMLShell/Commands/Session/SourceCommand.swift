import ArgumentParser
import Foundation

/// `source FILE`: runs the commands of a file in this session.
struct SourceCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "source", abstract: "Run the commands of a file.")
    @Argument(help: "A file of commands, one per line.") var file: String

    func run(in session: ShellSession) async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw ShellError("cannot read \(file)") }
        guard let runner = session.runner else { throw ShellError("source is not available here") }
        let status = await runner.run(text: String(decoding: data, as: UTF8.self), session: session, source: file)
        if status != 0 { throw ShellError("\(file) stopped at an error") }
    }
}
