import AutoMLClient
import Foundation

extension ShellSession {
    /// The backend for the current endpoint (and, for Google's Vertex AI host, location), made once for each.
    func backend() async throws -> any ShellBackend {
        try await connection().backend
    }

    /// The client of the current endpoint's place: what storage and the local server share.
    func client() async throws -> AutoMLClient {
        try await connection().client
    }

    private func connection() async throws -> (client: AutoMLClient, backend: any ShellBackend) {
        let regional = context.endpointValue.place == .googleRegional && context.endpointValue.api == .vertex
        let key = BackendKey(endpoint: context.endpoint, location: regional ? context.location : nil)
        if let cached = connectionCache, cached.key == key { return (cached.client, cached.backend) }
        let made = try await backends.connect(context.endpoint, location: context.location)
        connectionCache = (key, made.client, made.backend)
        return made
    }
}

/// What a connection is made for.
struct BackendKey: Equatable {
    var endpoint: String?
    /// Only for Google's Vertex AI host, whose name has the location in it.
    var location: String?
}
