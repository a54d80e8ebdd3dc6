import ArgumentParser
import AutoMLClient
import AutoMLShell
import Foundation

/// `automl emulator stop`: stops the local server cleanly; operations in flight resume at its next start.
struct EmulatorStopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop the local server (running operations resume at its next start).")

    func run() async throws {
        let setup = LocalServerSetup(environment: .process)
        guard let address = setup.state.address else {
            print("the local server is not running")
            return
        }
        let request = HTTPRequest(
            method: "POST", url: address.url + "/_automl/server:stop",
            headers: [("Authorization", "Bearer \(address.token)")])
        let asked = (try? await setup.transport.send(request, timeout: .seconds(5)))?.status == 200
        if !asked { kill(address.pid, SIGTERM) }
        for _ in 0..<600 where LocalServerLauncher.isServer(address.pid) {
            try await Task.sleep(for: .milliseconds(50))
        }
        guard !LocalServerLauncher.isServer(address.pid) else {
            FileHandle.standardError.write(
                Data(
                    "error: the local server (pid \(address.pid)) is still running after 30 s; `automl emulator logs` shows what it does\n"
                        .utf8))
            throw ExitCode(1)
        }
        print("stopped the local server (pid \(address.pid))")
    }
}
