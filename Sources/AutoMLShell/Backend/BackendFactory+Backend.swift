import AutoMLClient
import Foundation

extension BackendFactory {
    /// The client of the place an endpoint names (what storage shares), and the backend that speaks its API there.
    /// Google's Vertex AI host depends on the location, so `location` is part of the answer.
    func connect(_ saved: String?, location: String) async throws -> (client: AutoMLClient, backend: any ShellBackend) {
        let endpoint = ShellEndpoint(saved: saved)
        switch (endpoint.api, endpoint.place) {
        case (.automl, _):
            let client = try await makeClient(saved)
            return (client, AutoMLV1Backend(client: client))
        case (.vertex, .localServer):
            let client = try await makeClient(nil)
            let surface = client.configuration.endpoint + VertexBackend.localSurfacePath
            return (client, VertexBackend(client: VertexClient(sharing: client, endpoint: surface)))
        case (.vertex, .googleRegional):
            let client = try await makeClient(VertexClient.regionalEndpoint(for: location))
            return (
                client, VertexBackend(client: VertexClient(sharing: client, endpoint: client.configuration.endpoint))
            )
        case (.vertex, .url(let url)):
            let client = try await makeClient(url)
            return (client, VertexBackend(client: VertexClient(sharing: client, endpoint: url)))
        }
    }
}
