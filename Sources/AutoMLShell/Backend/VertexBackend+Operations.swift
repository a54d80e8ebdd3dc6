import AutoMLClient
import Foundation

extension VertexBackend {
    func operationReference(_ text: String, in location: LocationName?, known: [ResourceEntry]) throws -> String {
        if text.hasPrefix("projects/") {
            if VertexTrainingPipelineName(text) == nil { _ = try VertexOperationName(parsing: text) }
            return text
        }
        guard let location else { throw ShellError.notSet("project", use: "use project PROJECT_ID") }
        if text.contains("/") {
            _ = try target(text, in: location)
            return text
        }
        let matches = known.filter { $0.id.hasSuffix("/" + text) }
        guard matches.count == 1 else {
            throw ShellError(
                matches.isEmpty
                    ? "no training pipeline or operation the shell has listed has the ID \(text)"
                    : "\(matches.count) operations have the ID \(text): "
                        + matches.map(\.id).joined(separator: ", "),
                hint: "on Vertex AI operations live under their resource: give the path `operations` shows, "
                    + "such as trainingPipelines/\(text)")
        }
        return matches[0].id
    }

    /// What a reference names: a training pipeline, or an operation under its owner.
    private enum Target {
        case pipeline(VertexTrainingPipelineName)
        case operation(VertexOperationName)
    }

    /// A reference is a path below `location`, or a full name.
    private func target(_ reference: String, in location: LocationName) throws -> Target {
        let full = reference.hasPrefix("projects/") ? reference : "\(location)/\(reference)"
        if let pipeline = VertexTrainingPipelineName(full) { return .pipeline(pipeline) }
        return .operation(try VertexOperationName(parsing: full))
    }

    func operation(_ reference: String, in location: LocationName) async throws -> BackendOperation {
        switch try target(reference, in: location) {
        case .pipeline(let name): return try await state(of: try await client.getTrainingPipeline(name))
        case .operation(let name):
            return Self.operation(try await client.getOperation(name).protoJSON(options: .canonical), in: location)
        }
    }

    func isTraining(_ operation: BackendOperation) -> Bool {
        operation.reference.hasPrefix("trainingPipelines/") || operation.reference.contains("/trainingPipelines/")
    }

    func trainingLog(of reference: String, in location: LocationName) async throws -> TrainingLog {
        guard case .pipeline(let name) = try target(reference, in: location) else {
            throw ShellError("\(reference) is not a training pipeline: only a training has a training log")
        }
        return try await client.trainingLog(ofPipeline: name)
    }

    func cancelOperation(_ reference: String, in location: LocationName) async throws {
        switch try target(reference, in: location) {
        case .pipeline(let name): try await client.cancelTrainingPipeline(name)
        case .operation(let name): try await client.cancelOperation(name)
        }
    }

    func deleteOperation(_ reference: String, in location: LocationName) async throws {
        switch try target(reference, in: location) {
        case .pipeline:
            throw ShellError(
                "\(reference) is a training pipeline: on Vertex AI it is a resource that keeps the training's record, "
                    + "not an operation result to forget; the shell leaves it")
        case .operation(let name): try await client.deleteOperation(name)
        }
    }

    func progress(of reference: String, in location: LocationName) -> AsyncThrowingStream<BackendOperation, any Error> {
        let backend = self
        return BackendStream.states(
            of: { () throws -> AsyncThrowingStream<BackendOperation, any Error> in
                switch try backend.target(reference, in: location) {
                case .pipeline(let name):
                    return BackendStream.states(
                        of: { backend.client.progress(of: name, policy: BackendStream.watchPolicy) },
                        { try await backend.state(of: $0) })
                case .operation(let name):
                    return BackendStream.states(
                        of: { backend.client.progress(of: name, policy: BackendStream.watchPolicy) },
                        { Self.operation($0.protoJSON(options: .canonical), in: location) })
                }
            }, { $0 })
    }

    /// A pipeline as an operation; once it succeeded, its result is the model it made, read again whole (or as the
    /// pipeline names it, when it cannot be read: deleted since, say).
    func state(of pipeline: VertexTrainingPipeline) async throws -> BackendOperation {
        var state = Self.operation(pipeline.protoJSON(options: .canonical), in: nil)
        if pipeline.state == .succeeded, let made = pipeline.modelToUpload, let model = made.modelName {
            let read = (try? await client.getModel(model)) ?? made
            state.result = .model(Self.resource(read.protoJSON(options: .canonical)))
        }
        return state
    }

    /// What the shell reads from a training pipeline's or an operation's JSON.
    static func operation(_ json: JSONValue, in location: LocationName?) -> BackendOperation {
        let name = json["name"]?.stringValue ?? ""
        let reference = belowLocation(name)
        var error = json["error"].flatMap { try? Status(protoJSON: $0, path: "error") }
        if let state = json["state"]?.stringValue {
            let done = VertexPipelineState(rawValue: state).isTerminal
            if done, state != "PIPELINE_STATE_SUCCEEDED", error == nil {
                error = Status(
                    code: state == "PIPELINE_STATE_CANCELLED" ? .cancelled : .unknown, message: "\(name) ended \(state)"
                )
            }
            return BackendOperation(
                json: json, reference: reference, kind: "createModel", done: done, error: error,
                percent: pipelinePercent(json) ?? 0)
        }
        let metadata = json["metadata"]
        let type = metadata?["@type"]?.stringValue ?? ""
        let kind = Self.kind(metadataType: type) ?? type.split(separator: ".").last.map(String.init)
        var result = BackendOperation(
            json: json, reference: reference, kind: kind, done: json["done"] == .bool(true), error: error)
        if result.done, error == nil, let response = json["response"] {
            let responseType = response["@type"]?.stringValue ?? ""
            if responseType.hasSuffix(".Dataset") {
                result.result = .dataset(
                    BackendResource(
                        json: response, id: id(of: response), displayName: response["displayName"]?.stringValue ?? ""))
            } else if !responseType.hasSuffix(".Empty"), (response.objectValue?.count ?? 0) > 1 {
                result.result = .other(response)
            }
        }
        let directory =
            metadata?["gcsOutputDirectory"]?.stringValue ?? metadata?["outputInfo"]?["artifactOutputUri"]?.stringValue
        result.outputDirectory = directory.flatMap { $0.isEmpty ? nil : $0 }
        return result
    }

    /// The kind a Vertex AI operation's metadata type names: `…v1.ImportDataOperationMetadata` → `importData`.
    static func kind(metadataType type: String) -> String? {
        guard let last = type.split(separator: ".").last, last.hasSuffix("OperationMetadata") else { return nil }
        let base = last.dropLast("OperationMetadata".count)
        return base.prefix(1).lowercased() + base.dropFirst()
    }

    /// A pipeline's cost against its budget, 0–100 (100 once it succeeded); nil when there is no budget to measure
    /// it by.
    static func pipelinePercent(_ json: JSONValue) -> Int? {
        if json["state"]?.stringValue == VertexPipelineState.succeeded.rawValue { return 100 }
        func number(_ value: JSONValue?) -> Double? { value.flatMap { try? Double(protoJSON: $0, path: "") } }
        let ratio =
            (number(json["trainingTaskMetadata"]?["costMilliNodeHours"]) ?? 0)
            / (number(json["trainingTaskInputs"]?["budgetMilliNodeHours"]) ?? 0)
        return ratio.isFinite ? Int(max(0, min(1, ratio)) * 100) : nil
    }
}
