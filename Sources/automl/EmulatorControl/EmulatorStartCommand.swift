import ArgumentParser
import AutoMLClient
import AutoMLShell
import Foundation

/// `automl emulator start`: starts the local server now (every command that needs it does so by itself).
struct EmulatorStartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Start the local server in the background, if it is not running.",
        discussion: """
            Commands start it by themselves when they need it; this is for other tools (curl, the Python client) \
            before any command has run. Its settings come from the environment: AUTOML_SERVER_IDLE_STOP (15m), \
            AUTOML_IMPORT_PATHS, AUTOML_NODE_HOUR_SECONDS (see docs/shell.md); a running server keeps its own.
            """)

    func run() async throws {
        let setup = LocalServerSetup(environment: .process)
        do {
            let (address, note) = try await setup.launcher.connect()
            if let note { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
            print("local server: running (pid \(address.pid)) at \(address.url)")
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
