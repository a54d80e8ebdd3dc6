import ArgumentParser
import AutoMLClient
import AutoMLShell
import Foundation

/// `automl emulator token`: the running local server's token, alone on standard output, for other tools.
struct EmulatorTokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Print the local server's token (for curl, the Python client, …).",
        discussion: "Exits with 3 when the server does not run: start it with `automl emulator start`.")

    func run() throws {
        guard let address = LocalServerSetup(environment: .process).state.address else {
            FileHandle.standardError.write(
                Data("error: the local server is not running; `automl emulator start` starts it\n".utf8))
            throw ExitCode(3)
        }
        print(address.token)
    }
}
