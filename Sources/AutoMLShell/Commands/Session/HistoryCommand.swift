import ArgumentParser
import AutoMLClient

/// `history`: the commands of this session, numbered.
struct HistoryCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "Show this session's commands.")

    func run(in session: ShellSession) async throws {
        let lines = session.history.enumerated().map { "\(String($0.offset + 1).leftPadded(to: 4))  \($0.element)" }
        if !lines.isEmpty { session.show(lines.joined(separator: "\n") + "\n") }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
