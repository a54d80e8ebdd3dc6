import ArgumentParser
import AutoMLClient
import Foundation

/// `use project|location|dataset|model|operation|endpoint VALUE`: sets the current resource.
struct UseCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "use", abstract: "Set the current project, location, dataset, model, operation or endpoint.",
        subcommands: [
            UseProjectCommand.self, UseLocationCommand.self, UseDatasetCommand.self, UseModelCommand.self,
            UseOperationCommand.self, UseEndpointCommand.self,
        ])
}

/// `use project P`.
struct UseProjectCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "project", abstract: "Use a project.")
    @Argument(help: "The project ID.") var project: String

    func run(in session: ShellSession) async throws {
        _ = try LocationNameCheck.project(project)
        session.move(project: .some(project))
        session.note("project: \(project)")
    }
}

/// `use location L`.
struct UseLocationCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "location", abstract: "Use a location (us-central1).")
    @Argument(help: "The location ID.") var location: String

    func run(in session: ShellSession) async throws {
        _ = try LocationNameCheck.location(location)
        session.move(location: location)
        session.note("location: \(location)")
    }
}

/// `use dataset D`: an ID, a full name or a unique display name.
struct UseDatasetCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "dataset", abstract: "Use a dataset.")
    @Argument(help: "An ID, a full name or a unique display name.") var dataset: String

    func run(in session: ShellSession) async throws {
        let name = try await session.dataset(dataset)
        let found = try await session.backend().getDataset(name)
        session.update { $0.dataset = name.dataset }
        session.remember(.dataset, found)
        session.note("dataset: \(name.dataset) (\(found.displayName))")
    }
}

/// `use model M`.
struct UseModelCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "model", abstract: "Use a model.")
    @Argument(help: "An ID, a full name or a unique display name.") var model: String

    func run(in session: ShellSession) async throws {
        let name = try await session.model(model)
        let found = try await session.backend().getModel(name)
        session.update { $0.model = name.model }
        session.remember(.model, found)
        session.note("model: \(name.model) (\(found.displayName))")
    }
}

/// `use operation O`.
struct UseOperationCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "operation", abstract: "Use an operation.")
    @Argument(help: "An operation ID or full name.") var operation: String

    func run(in session: ShellSession) async throws {
        let reference = try await session.operation(operation)
        let found = try await session.backend().operation(reference, in: try session.location(of: reference))
        let kept = found.reference.isEmpty ? reference : found.reference
        session.update { $0.operation = kept }
        session.note("operation: \(kept)")
    }
}

/// `use endpoint URL|local|cloud|vertex|vertex:local|vertex:URL`.
struct UseEndpointCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "endpoint",
        abstract: "Use the local server (local), Google (cloud), a URL, or Vertex AI (vertex…).",
        discussion: """
            AutoML API v1: local (the local server), cloud (Google's retired host), or the http(s) URL of a \
            v1-compatible server. Vertex AI: vertex (Google's host for the current location), vertex:local (the \
            local server's Vertex AI surface), or vertex:URL (a Vertex-compatible server, such as \
            http://127.0.0.1:PORT/vertex). The same commands drive both; `help vertex` shows how they map.
            """)
    @Argument(help: "local, cloud, an http(s) URL, vertex, vertex:local, or vertex:URL.") var endpoint: String

    func run(in session: ShellSession) async throws {
        let resolved = try EndpointChoice.parse(endpoint)
        session.move(endpoint: .some(resolved))
        _ = try await session.backend()
        session.note("endpoint: \(resolved ?? "the local server")")
    }
}

/// The spellings `use endpoint` and `--endpoint` accept.
package enum EndpointChoice {
    static let cloud = "https://automl.googleapis.com"

    /// The saved form (``ShellEndpoint``): nil for the local server.
    static func parse(_ text: String) throws -> String? {
        switch text {
        case "local", "embedded": return nil
        case "cloud", "google": return cloud
        case "vertex", "vertex:cloud", "vertex:google": return "vertex"
        case "vertex:local": return "vertex:local"
        case _ where text.hasPrefix("vertex:"):
            let rest = String(text.dropFirst("vertex:".count))
            guard rest.hasPrefix("http://") || rest.hasPrefix("https://"), let url = try parse(rest) else {
                throw ShellError(
                    "vertex: is followed by local or a server's URL",
                    hint: "vertex:local, vertex:http://127.0.0.1:8080/vertex, or vertex for Google's host")
            }
            return "vertex:" + url
        default:
            guard text.hasPrefix("http://") || text.hasPrefix("https://"), text.count > 8 else {
                // Not repeated when it may carry credentials (`HTTPS://user:token@host`).
                let shown = text.contains(where: { "@?#:".contains($0) }) ? "that" : "\"\(text)\""
                throw ShellError(
                    "\(shown) is not an endpoint",
                    hint: "give local, cloud, vertex, or a URL such as http://127.0.0.1:8080")
            }
            try refuseCredentials(in: text)
            return text.hasSuffix("/") ? String(text.dropLast()) : text
        }
    }

    /// An endpoint is where requests go, saved in the session and shown in the prompt: a user name, password, query
    /// (`?access_token=…`, `?key=…`) or fragment in it would end up on the screen and on disk. Refused with the URL
    /// shown without them; credentials come from the environment (docs/shell.md, "Backends").
    static func refuseCredentials(in text: String) throws {
        guard let parts = URLComponents(string: text), parts.host?.isEmpty == false else {
            throw ShellError(
                "that is not an endpoint URL", hint: "give local, cloud, or a URL such as http://127.0.0.1:8080")
        }
        guard parts.user != nil || parts.password != nil || parts.query != nil || parts.fragment != nil else { return }
        var shown = URLComponents()
        (shown.scheme, shown.host, shown.port, shown.path) = (parts.scheme, parts.host, parts.port, parts.path)
        throw ShellError(
            "an endpoint is a server's address alone: \(shown.string ?? "the URL") was given with a user name, "
                + "password, query or fragment, which would be saved and shown",
            hint: "give the URL without them; for a token use GOOGLE_OAUTH_ACCESS_TOKEN or gcloud credentials")
    }

    /// Refuses a plain `http://` endpoint on another machine unless `allowed` (`--insecure`): the bearer token, and
    /// everything else, would cross the network unencrypted. Loopback addresses are this machine.
    package static func checkPlainHTTP(_ endpoint: String, allowed: Bool) throws {
        guard endpoint.hasPrefix("http://"), !allowed, !isOnThisMachine(endpoint) else { return }
        throw ShellError(
            "\(endpoint) is plain HTTP to another machine: the token would cross the network unencrypted",
            hint: "use https://, or run automl with --insecure if that network is yours")
    }

    /// Whether an endpoint URL names this machine: `localhost`, `127.x.y.z` or `::1`.
    package static func isOnThisMachine(_ endpoint: String) -> Bool {
        guard let host = URL(string: endpoint)?.host else { return false }
        return ["localhost", "::1", "[::1]"].contains(host) || host.hasPrefix("127.")
    }
}
