import AutoMLWire
import Foundation

/// Maps a request under `/vertex/` to a Vertex AI method: `/vertex/v1/…` for the services, and both `/vertex/v1/…`
/// and `/vertex/ui/…` for operations (Google's Python client polls operations through `/ui/`).
struct VertexRouter: Sendable {
    let service: VertexService

    static let prefix = "/vertex/"

    /// Answers one request, or throws a ``ServiceError``. `limitedTo` is the projects a project-limited token may use
    /// (nil: any).
    func route(_ request: EmulatorRequest, limitedTo projects: Set<String>?) async throws -> any ProtoMessage {
        let path = request.path.dropFirst(Self.prefix.count)
        let isOperationsBinding = path.hasPrefix("ui/")
        guard path.hasPrefix("v1/") || isOperationsBinding else { throw unknownRoute(request) }
        var segments = path.dropFirst(3).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var verb: String?
        if let last = segments.last, let colon = last.lastIndex(of: ":") {
            verb = String(last[last.index(after: colon)...])
            segments[segments.count - 1] = String(last[..<colon])
        }
        guard segments.count >= 4, segments[0] == "projects", segments[2] == "locations",
            segments.allSatisfy({ !$0.isEmpty })
        else { throw unknownRoute(request) }
        try Router.checkID(segments[1], of: "project", allowing: "._:-")
        try Router.checkID(segments[3], of: "location", allowing: "_-")
        let denied = ServiceError(
            .permissionDenied, "the token is not allowed to use project \(segments[1]).", reason: "PROJECT_NOT_ALLOWED")
        // Checked before a project ID is given a number, so a limited token cannot make numbers for other projects.
        if let projects, !segments[1].allSatisfy(\.isASCIIDigit), !projects.contains(segments[1]) { throw denied }
        let parent = try await service.resolve(project: segments[1], location: segments[3])
        if let projects, !projects.contains(parent.parent.project) { throw denied }
        let rest = Array(segments.dropFirst(4))
        let call = VertexCall(request: request, verb: verb, parent: parent)
        if let index = rest.lastIndex(of: "operations"), index >= rest.count - 2 {
            return try await routeOperations(owner: Array(rest[..<index]), id: rest.dropFirst(index + 1).first, call)
        }
        guard !isOperationsBinding else { throw unknownRoute(request) }
        switch rest.first {
        case "datasets": return try await routeDatasets(Array(rest.dropFirst()), call)
        case "trainingPipelines": return try await routePipelines(Array(rest.dropFirst()), call)
        case "models": return try await routeModels(Array(rest.dropFirst()), call)
        case "endpoints": return try await routeEndpoints(Array(rest.dropFirst()), call)
        default: throw unknownRoute(request)
        }
    }

    private func routeDatasets(_ rest: [String], _ call: VertexCall) async throws -> any ProtoMessage {
        let parent = call.parent
        switch rest.count {
        case 0:
            if call.is("POST") {
                return try await service.createDataset(
                    in: parent, body: try call.body(VertexDataset.self, ignoring: VertexCall.ignoredInDataset))
            }
            if call.is("GET") { return try await service.listDatasets(in: parent, query: call.request.query) }
        case 1:
            if call.is("GET") { return try await service.getDataset(rest[0], in: parent) }
            if call.is("DELETE") { return try await service.deleteDataset(rest[0], in: parent) }
            if call.is("POST", "import") {
                return try await service.importData(
                    rest[0], in: parent, body: try call.body(VertexImportDataRequest.self))
            }
            if call.is("POST", "export") {
                return try await service.exportData(
                    rest[0], in: parent, body: try call.body(VertexExportDataRequest.self))
            }
        case 3 where rest[1] == "annotationSpecs":
            if call.is("GET") { return try await service.getAnnotationSpec(rest[2], dataset: rest[0], in: parent) }
        default:
            break
        }
        throw unknownRoute(call.request)
    }

    private func routePipelines(_ rest: [String], _ call: VertexCall) async throws -> any ProtoMessage {
        let parent = call.parent
        switch rest.count {
        case 0:
            if call.is("POST") {
                return try await service.createPipeline(
                    in: parent, body: try call.body(VertexTrainingPipeline.self, ignoring: VertexCall.ignoredInPipeline)
                )
            }
            if call.is("GET") { return try await service.listPipelines(in: parent, query: call.request.query) }
        case 1:
            if call.is("GET") { return try await service.getPipeline(rest[0], in: parent) }
            // The local backend's own extension (docs/emulator.md, "Training log").
            if call.is("GET", "trainingLog") { return try await service.trainingLog(ofPipeline: rest[0], in: parent) }
            if call.is("DELETE") { return try await service.deletePipeline(rest[0], in: parent) }
            if call.is("POST", "cancel") {
                _ = try call.body(Empty.self)
                return try await service.cancelPipeline(rest[0], in: parent)
            }
        default:
            break
        }
        throw unknownRoute(call.request)
    }

    private func routeModels(_ rest: [String], _ call: VertexCall) async throws -> any ProtoMessage {
        let parent = call.parent
        let query = call.request.query
        switch rest.count {
        case 0:
            if call.is("GET") { return try await service.listModels(in: parent, query: query) }
        case 1:
            if call.is("GET") { return try await service.getModel(rest[0], in: parent) }
            // The local backend's own extension (docs/emulator.md, "Test predictions").
            if call.is("GET", "testPredictions") {
                return try await service.testPredictions(ofModel: rest[0], in: parent)
            }
            if call.is("DELETE") { return try await service.deleteModel(rest[0], in: parent) }
            if call.is("POST", "export") {
                return try await service.exportModel(
                    rest[0], in: parent, body: try call.body(VertexExportModelRequest.self))
            }
        case 2 where rest[1] == "evaluations":
            if call.is("GET") { return try await service.listEvaluations(ofModel: rest[0], in: parent, query: query) }
        case 3 where rest[1] == "evaluations":
            if call.is("GET") { return try await service.getEvaluation(rest[2], model: rest[0], in: parent) }
        case 4 where rest[1] == "evaluations" && rest[3] == "slices":
            if call.is("GET") {
                return try await service.listSlices(evaluation: rest[2], model: rest[0], in: parent, query: query)
            }
        case 5 where rest[1] == "evaluations" && rest[3] == "slices":
            if call.is("GET") {
                return try await service.getSlice(rest[4], evaluation: rest[2], model: rest[0], in: parent)
            }
        default:
            break
        }
        throw unknownRoute(call.request)
    }

    private func routeEndpoints(_ rest: [String], _ call: VertexCall) async throws -> any ProtoMessage {
        let parent = call.parent
        switch rest.count {
        case 0:
            if call.is("POST") {
                return try await service.createEndpoint(
                    in: parent, body: try call.body(VertexEndpoint.self, ignoring: VertexCall.ignoredInEndpoint),
                    endpointID: call.request.query["endpointId"] ?? call.request.query["endpoint_id"])
            }
            if call.is("GET") { return try await service.listEndpoints(in: parent, query: call.request.query) }
        case 1:
            let id = rest[0]
            if call.is("GET") { return try await service.getEndpoint(id, in: parent) }
            if call.is("DELETE") { return try await service.deleteEndpoint(id, in: parent) }
            if call.is("POST", "deployModel") {
                return try await service.deployModel(
                    id, in: parent,
                    body: try call.body(VertexDeployModelRequest.self, ignoring: VertexCall.ignoredInDeploy))
            }
            if call.is("POST", "undeployModel") {
                return try await service.undeployModel(
                    id, in: parent, body: try call.body(VertexUndeployModelRequest.self))
            }
            if call.is("POST", "predict") {
                return try await service.predict(id, in: parent, body: try call.body(VertexPredictRequest.self))
            }
        default:
            break
        }
        throw unknownRoute(call.request)
    }

    /// The Operations mixin on every owner: the location (`[]`), `datasets/ID`, `endpoints/ID`, `models/ID`,
    /// `models/ID/evaluations/ID` and `trainingPipelines/ID`.
    private func routeOperations(owner segments: [String], id: String?, _ call: VertexCall) async throws
        -> any ProtoMessage
    {
        let owners: Set<[String]> = [[], ["datasets"], ["endpoints"], ["models"], ["trainingPipelines"]]
        let shape = segments.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        guard owners.contains(shape) || shape == ["models", "evaluations"], segments.count % 2 == 0 else {
            throw unknownRoute(call.request)
        }
        let owner = segments.joined(separator: "/")
        let parent = call.parent
        guard let id else {
            if call.is("GET") {
                try await service.requireOwner(segments, in: parent)
                return try await service.listOperations(owner: owner, in: parent, query: call.request.query)
            }
            throw unknownRoute(call.request)
        }
        if call.is("GET") { return try await service.getOperation(id, owner: owner, in: parent) }
        if call.is("DELETE") { return try await service.deleteOperation(id, owner: owner, in: parent) }
        if call.is("POST", "cancel") {
            _ = try call.body(Empty.self)
            return try await service.cancelOperation(id, owner: owner, in: parent)
        }
        if call.is("POST", "wait") {
            _ = try call.body(Empty.self)
            return try await service.waitOperation(id, owner: owner, in: parent, timeout: call.request.query["timeout"])
        }
        throw unknownRoute(call.request)
    }

    private func unknownRoute(_ request: EmulatorRequest) -> ServiceError {
        ServiceError(
            .notFound, "no Vertex AI method of this backend answers \(request.method) \(request.path).",
            reason: "UNKNOWN_METHOD")
    }
}

/// One routed Vertex AI request: its method, custom verb and parent.
private struct VertexCall {
    var request: EmulatorRequest
    var verb: String?
    var parent: VertexParent

    func `is`(_ method: String, _ verb: String? = nil) -> Bool {
        request.method == method && self.verb == verb
    }

    /// The body as `Message`, refusing members Vertex AI does not have; the members at `ignoring` (Vertex AI fields
    /// this backend does not keep: encryption, logging, networking, service accounts) are dropped unread.
    func body<Message: ProtoMessage>(_ type: Message.Type, ignoring: Set<String> = []) throws -> Message {
        try request.decodeBody(type, ignoring: ignoring, hints: Self.hints)
    }

    static let hints: [String: String] = [
        "dedicatedResources": "AutoML image models are served with automaticResources (minReplicaCount, "
            + "maxReplicaCount); this backend serves only those.",
        "sharedResources": "AutoML image models are served with automaticResources (minReplicaCount, "
            + "maxReplicaCount); this backend serves only those.",
    ]
    static let ignoredInDataset: Set<String> = ["encryptionSpec"]
    static let ignoredInPipeline: Set<String> = [
        "encryptionSpec", "modelToUpload.encryptionSpec", "modelToUpload.versionDescription",
    ]
    static let ignoredInEndpoint: Set<String> = [
        "encryptionSpec", "network", "privateServiceConnectConfig", "predictRequestResponseLoggingConfig",
        "dedicatedEndpointEnabled",
    ]
    static let ignoredInDeploy: Set<String> = [
        "deployedModel.enableAccessLogging", "deployedModel.disableContainerLogging", "deployedModel.serviceAccount",
        "deployedModel.explanationSpec", "deployedModel.disableExplanations",
    ]
}
