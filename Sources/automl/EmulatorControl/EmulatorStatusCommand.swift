import ArgumentParser
import AutoMLClient
import AutoMLShell
import Foundation

/// `automl emulator status`: whether the local server runs, where, and how other tools reach it.
struct EmulatorStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show whether the local server runs, its address and how to reach it.",
        discussion: "Exits with 0 when it runs and 3 when it does not (as `systemctl status` does).")

    func run() async throws {
        let setup = LocalServerSetup(environment: .process)
        let state = setup.state
        guard let address = state.address else {
            print("local server: not running; the next command that needs it starts it")
            print("data: \(setup.dataDirectory.path)")
            print("log: \(setup.launcher.logFile.path)")
            throw ExitCode(3)
        }
        let status = await LocalServerSetup.status(of: address, transport: setup.transport)
        print("local server: running (pid \(address.pid)) at \(address.url)" + (status == nil ? ", not answering" : ""))
        print("data: \(setup.dataDirectory.path) (gs://BUCKET/PATH is \(setup.dataDirectory.path)/gcs/BUCKET/PATH)")
        if let status {
            let running = status["runningOperations"].flatMap { try? Int64(protoJSON: $0, path: "") } ?? 0
            var line = "operations running: \(running)"
            if let idle = status["idleSeconds"].flatMap({ try? Int64(protoJSON: $0, path: "") }) {
                line += "; idle for \(idle) s"
            }
            if let stop = status["idleStopSeconds"].flatMap({ try? Int64(protoJSON: $0, path: "") }) {
                line += "; stops after \(stop / 60) min with no request and no running operation"
            }
            print(line)
            if case .array(let folders)? = status["allowedImportFolders"], !folders.isEmpty {
                print("local import folders: " + folders.compactMap { $0.stringValue }.joined(separator: ", "))
            }
        }
        print("log: \(setup.launcher.logFile.path) (`automl emulator logs`)")
        print("Vertex AI: \(address.url)/vertex (the api_endpoint of Google's aiplatform clients; docs/vertex.md)")
        print(
            """
            token: every request needs `Authorization: Bearer TOKEN`; `automl emulator token` prints it (it changes \
            at each start). For example:
              curl -H "Authorization: Bearer $(automl emulator token)" \(address.url)/v1/projects/local/locations/us-central1/models
              Python: AutoMlClient(client_options={"api_endpoint": "\(address.url)"}, transport="rest",
                                   credentials=google.oauth2.credentials.Credentials("$(automl emulator token)"))
            """)
    }
}
