import AutoMLEmulator
import AutoMLWire
import Foundation

/// The background server's own routes, beside the API (token required like every request):
/// - `GET /_automl/server`: what `automl emulator status` shows (pid, URL, data folder, running operations, idle
///   time and idle stop, folders imports may read);
/// - `POST /_automl/server:stop`: answers, then stops as SIGTERM does (`automl emulator stop`).
struct ServerControl: Sendable {
    let address: LocalServerAddress
    let dataDirectory: URL
    let lifetime: ServerLifetime

    func handle(_ request: EmulatorRequest, emulator: Emulator) async -> EmulatorResponse? {
        switch (request.method, request.path) {
        case ("GET", "/_automl/server"):
            return json(status(emulator))
        case ("POST", "/_automl/server:stop"):
            lifetime.requestStop("stop requested (automl emulator stop)")
            return json(["stopping": .bool(true), "pid": .integer(Int64(address.pid))])
        default:
            return nil
        }
    }

    private func status(_ emulator: Emulator) -> JSONObject {
        var object: JSONObject = [
            "pid": .integer(Int64(address.pid)), "url": .string(address.url), "version": .string(address.version),
            "startedAt": .string(address.startedAt), "dataDirectory": .string(dataDirectory.path),
            "gcsRoot": .string(emulator.configuration.gcsRoot.path),
            "runningOperations": .integer(Int64(emulator.runningOperationCount)),
            "allowedImportFolders": .array(emulator.configuration.localImportFolders.map { .string($0.path) }),
        ]
        if let idle = emulator.idleTime() { object["idleSeconds"] = .integer(idle.components.seconds) }
        if let stop = lifetime.idleStop { object["idleStopSeconds"] = .integer(stop.components.seconds) }
        return object
    }

    private func json(_ object: JSONObject) -> EmulatorResponse {
        .json(object)
    }
}
