public import AutoMLWire
public import Foundation

/// A client of Vertex AI (aiplatform v1), the image subset of the AutoML workflow: datasets, training pipelines,
/// models and evaluations, endpoints, predictions and operations (reference: vertex-ai-image.md).
///
/// It runs on the same transport, credentials, retries, error types, waiting and paging as ``AutoMLClient`` — it is
/// one, pointed at a Vertex AI host: Google's regional host for the location (``regionalEndpoint(for:)``), or a
/// Vertex-compatible server such as the local backend's Vertex surface.
public struct VertexClient: Sendable {
    let engine: AutoMLClient

    /// Google's host for a location: `https://us-central1-aiplatform.googleapis.com`. Vertex AI wants the region in
    /// the host as well as in the path.
    public static func regionalEndpoint(for location: String) -> String {
        "https://\(location)-aiplatform.googleapis.com"
    }

    /// A client of `configuration.endpoint`.
    public init(configuration: AutoMLClient.Configuration, transport: any HTTPTransport = AsyncHTTPClientTransport()) {
        engine = AutoMLClient(configuration: configuration, transport: transport)
    }

    /// A client that shares an AutoML client's transport, credentials and retries, on another endpoint.
    public init(sharing client: AutoMLClient, endpoint: String) {
        var configuration = client.configuration
        configuration.endpoint = endpoint
        engine = AutoMLClient(
            configuration: configuration, transport: client.transport, environment: client.environment)
    }

    /// The configuration the calls use.
    public var configuration: AutoMLClient.Configuration { engine.configuration }
}

extension VertexClient {
    // GET and List calls are built as the AutoML client builds them (`engine.get`, `engine.list`).
    func get(_ name: some CustomStringConvertible) -> RESTCall { engine.get(name) }

    func list(
        _ path: String, parent: some CustomStringConvertible, filter: String?, pageSize: Int?, pageToken: String?,
        orderBy: String? = nil
    ) -> RESTCall {
        engine.list(path, parent: parent, filter: filter, pageSize: pageSize, pageToken: pageToken, orderBy: orderBy)
    }

    func delete(_ name: some CustomStringConvertible) -> RESTCall {
        RESTCall(method: "DELETE", path: name.description, idempotent: true, routing: "name=\(name)")
    }

    func post(
        _ path: String, _ body: some ProtoMessage, routing: String, idempotent: Bool = false
    ) -> RESTCall {
        RESTCall(method: "POST", path: path, body: body.jsonData(), idempotent: idempotent, routing: routing)
    }

    func perform<Response: ProtoMessage>(_ call: RESTCall, options: CallOptions, as type: Response.Type) async throws
        -> Response
    {
        try await engine.perform(call, options: options, as: type)
    }
}
