import AutoMLWire
import Foundation

/// Maps a v1 REST request to a service method: the paths and verbs of reference section 2, custom
/// verbs (`:deploy`) included.
struct Router: Sendable {
    let service: EmulatorService

    /// Answers one request with a message, or throws a ``ServiceError``.
    func route(_ request: EmulatorRequest) async throws -> any ProtoMessage {
        guard request.path.hasPrefix("/v1/") else { throw unknownRoute(request) }
        var segments = request.path.dropFirst(4).split(separator: "/", omittingEmptySubsequences: false).map(
            String.init)
        var verb: String?
        if let last = segments.last, let colon = last.lastIndex(of: ":") {
            verb = String(last[last.index(after: colon)...])
            segments[segments.count - 1] = String(last[..<colon])
        }
        guard segments.count >= 3, segments[0] == "projects", segments[2] == "locations",
            segments.allSatisfy({ !$0.isEmpty })
        else { throw unknownRoute(request) }
        try Self.checkID(segments[1], of: "project", allowing: "._:-")
        if segments.count >= 4 { try Self.checkID(segments[3], of: "location", allowing: "_-") }
        if segments.count == 3, verb == nil, request.method == "GET" {
            return EmulatorLocationList(project: segments[1])
        }
        guard segments.count >= 4 else { throw unknownRoute(request) }
        let parent = Parent(project: segments[1], location: segments[3])
        let rest = Array(segments.dropFirst(4))
        let call = Call(request: request, verb: verb, parent: parent)
        switch rest.first {
        case nil:
            guard call.is("GET") else { throw unknownRoute(request) }
            return EmulatorLocation(parent: parent)
        case "datasets": return try await routeDatasets(Array(rest.dropFirst()), call)
        case "models": return try await routeModels(Array(rest.dropFirst()), call)
        case "operations": return try await routeOperations(Array(rest.dropFirst()), call)
        default: throw unknownRoute(request)
        }
    }

    /// Project and location IDs are ASCII letters, digits and a little punctuation (`example.com:my-project`,
    /// `us-central1`): a percent-encoded NUL, line break or stray byte in one is refused rather than stored.
    static func checkID(_ id: String, of kind: String, allowing punctuation: String) throws {
        let allowed =
            id.utf8.count <= 100
            && id.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || punctuation.unicodeScalars.contains($0))
            }
        guard allowed else {
            let shown = id.unicodeScalars.map {
                $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? String($0) : "\\u{\(String($0.value, radix: 16))}"
            }.joined()
            throw ServiceError.invalidArgument(
                "\"\(shown.prefix(120))\" is not a \(kind) ID: it may hold ASCII letters, digits and \(punctuation.map { "\"\($0)\"" }.joined(separator: " "))."
            )
        }
    }

    private func routeDatasets(_ rest: [String], _ call: Call) async throws -> any ProtoMessage {
        let parent = call.parent
        switch rest.count {
        case 0:
            if call.is("POST") { return try await service.createDataset(in: parent, body: try call.body(Dataset.self)) }
            if call.is("GET") { return try await service.listDatasets(in: parent, query: call.request.query) }
        case 1:
            let id = rest[0]
            if call.is("GET") { return try await service.getDataset(id, in: parent) }
            if call.is("PATCH") {
                return try await service.updateDataset(
                    id, in: parent, body: try call.body(Dataset.self),
                    updateMask: call.request.query["updateMask"] ?? call.request.query["update_mask"])
            }
            if call.is("DELETE") { return try await service.deleteDataset(id, in: parent) }
            if call.is("POST", "importData") {
                return try await service.importData(id, in: parent, body: try call.body(ImportDataRequest.self))
            }
            if call.is("POST", "exportData") {
                return try await service.exportData(id, in: parent, body: try call.body(ExportDataRequest.self))
            }
        case 3 where rest[1] == "annotationSpecs":
            if call.is("GET") { return try await service.getAnnotationSpec(rest[2], dataset: rest[0], in: parent) }
        default:
            break
        }
        throw unknownRoute(call.request)
    }

    private func routeModels(_ rest: [String], _ call: Call) async throws -> any ProtoMessage {
        let parent = call.parent
        switch rest.count {
        case 0:
            if call.is("POST") { return try await service.createModel(in: parent, body: try call.body(Model.self)) }
            if call.is("GET") { return try await service.listModels(in: parent, query: call.request.query) }
        case 1:
            let id = rest[0]
            if call.is("GET") { return try await service.getModel(id, in: parent) }
            // The local backend's own extension (docs/emulator.md, "Test predictions").
            if call.is("GET", "testPredictions") { return try await service.testPredictions(ofModel: id, in: parent) }
            if call.is("PATCH") {
                return try await service.updateModel(
                    id, in: parent, body: try call.body(Model.self),
                    updateMask: call.request.query["updateMask"] ?? call.request.query["update_mask"])
            }
            if call.is("DELETE") { return try await service.deleteModel(id, in: parent) }
            if call.is("POST", "deploy") {
                return try await service.deployModel(id, in: parent, body: try call.body(DeployModelRequest.self))
            }
            if call.is("POST", "undeploy") {
                _ = try call.body(UndeployModelRequest.self)  // read for what it must not hold: unknown members
                return try await service.undeployModel(id, in: parent)
            }
            if call.is("POST", "export") {
                return try await service.exportModel(id, in: parent, body: try call.body(ExportModelRequest.self))
            }
            if call.is("POST", "predict") {
                return try await service.predict(id, in: parent, body: try call.body(PredictRequest.self))
            }
            if call.is("POST", "batchPredict") {
                return try await service.batchPredict(id, in: parent, body: try call.body(BatchPredictRequest.self))
            }
        case 2 where rest[1] == "modelEvaluations":
            if call.is("GET") {
                return try await service.listModelEvaluations(ofModel: rest[0], in: parent, query: call.request.query)
            }
        case 3 where rest[1] == "modelEvaluations":
            if call.is("GET") { return try await service.getModelEvaluation(rest[2], model: rest[0], in: parent) }
        default:
            break
        }
        throw unknownRoute(call.request)
    }

    private func routeOperations(_ rest: [String], _ call: Call) async throws -> any ProtoMessage {
        let parent = call.parent
        switch rest.count {
        case 0:
            if call.is("GET") { return try await service.listOperations(in: parent, query: call.request.query) }
        case 1:
            let id = rest[0]
            if call.is("GET") { return try await service.getOperation(id, in: parent) }
            // The local backend's own extension (docs/emulator.md, "Training log").
            if call.is("GET", "trainingLog") { return try await service.trainingLog(ofOperation: id, in: parent) }
            if call.is("DELETE") { return try await service.deleteOperation(id, in: parent) }
            if call.is("POST", "cancel") {
                _ = try call.body(Empty.self)  // CancelOperationRequest has only the name, which is in the path
                return try await service.cancelOperation(id, in: parent)
            }
            if call.is("POST", "wait") {
                return try await service.waitOperation(id, in: parent, body: try call.body(WaitOperationRequest.self))
            }
        default:
            break
        }
        throw unknownRoute(call.request)
    }

    private func unknownRoute(_ request: EmulatorRequest) -> ServiceError {
        if request.path.hasSuffix(":getIamPolicy") || request.path.hasSuffix(":setIamPolicy")
            || request.path.hasSuffix(":testIamPermissions")
        {
            return ServiceError(.unimplemented, "IAM methods are not implemented by the local backend.")
        }
        return ServiceError(
            .notFound, "no v1 method answers \(request.method) \(request.path).", reason: "UNKNOWN_METHOD")
    }
}

/// One routed request: its method, custom verb and parent.
private struct Call {
    var request: EmulatorRequest
    var verb: String?
    var parent: Parent

    func `is`(_ method: String, _ verb: String? = nil) -> Bool {
        request.method == method && self.verb == verb
    }

    /// The body as `Message` (see ``EmulatorRequest/decodeBody(_:accepting:hints:)``).
    func body<Message: ProtoMessage>(_ type: Message.Type) throws -> Message {
        try request.decodeBody(type, accepting: Self.extensionFields, hints: Self.hints)
    }
}

extension Call {
    /// Members this backend accepts beyond v1: `disableEarlyStopping` in model metadata (as Vertex AI spells it).
    static let extensionFields: Set<String> = ["disableEarlyStopping"]

    /// What to use instead of fields people copy from older documentation.
    static let hints: [String: String] = [
        "trainBudget": "Use trainBudgetMilliNodeHours (1,000 milli node hours are one node hour).",
        "baseModelId": "baseModelId belongs in imageClassificationModelMetadata.",
    ]
}
