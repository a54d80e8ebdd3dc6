import ArgumentParser
import AutoMLClient

/// `context`: the session context as a result.
struct ContextCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "context", abstract: "Show the session context.")

    func run(in session: ShellSession) async throws {
        let context = session.context
        var object: JSONObject = [
            "endpoint": .string(context.endpoint ?? "local"),
            "location": .string(context.location),
            "format": .string(context.format.description),
            "onError": .string(context.continueOnError ? "continue" : "stop"),
        ]
        object["project"] = .string(context.project ?? context.endpointValue.defaultProject ?? "")
        if let dataset = context.dataset { object["dataset"] = .string(dataset) }
        if let model = context.model { object["model"] = .string(model) }
        if let operation = context.operation { object["operation"] = .string(operation) }
        if let bucket = context.bucket { object["bucket"] = .string(bucket) }
        if let server = session.localServerState { object["server"] = .string("local server, " + server.summary) }
        session.emit(.object(object))
    }
}
