import ArgumentParser
import AutoMLClient
import AutoMLShell
import Foundation

/// `automl emulator logs [-n N] [--follow]`: the local server's log.
struct EmulatorLogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: "Show the local server's log (`--follow` keeps printing what it writes).")

    @Option(name: [.customShort("n"), .customLong("lines")], help: "How many of the last lines to show.")
    var lines = 50

    @Flag(name: [.customShort("f"), .customLong("follow")], help: "Keep printing new lines until Ctrl-C.")
    var follow = false

    func run() async throws {
        let file = LocalServerSetup(environment: .process).launcher.logFile
        guard let handle = FileHandle(forReadingAtPath: file.path) else {
            print("no log yet: \(file.path) (the server writes it when `automl` starts it)")
            return
        }
        defer { try? handle.close() }
        let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        let shown = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().suffix(max(0, lines))
        if !shown.isEmpty { FileHandle.standardOutput.write(Data((shown.joined(separator: "\n") + "\n").utf8)) }
        while follow {
            try await Task.sleep(for: .milliseconds(200))
            let more = handle.readDataToEndOfFile()
            if !more.isEmpty { FileHandle.standardOutput.write(more) }
        }
    }
}
