import AutoMLClient
import Foundation

extension VertexBackend {
    func getModel(_ name: ModelName) async throws -> BackendResource {
        Self.resource(try await client.getModel(try vertex(name)).protoJSON(options: .canonical))
    }

    func deleteModel(_ name: ModelName) async throws -> BackendOperation {
        Self.operation(try await client.deleteModel(try vertex(name)).protoJSON(options: .canonical), in: nil)
    }

    /// Vertex AI deploys to an endpoint: the one named after the model that the shell made before, else a new one
    /// named after it.
    func deployModel(_ name: ModelName, nodes: Int64) async throws -> BackendOperation {
        let model = try await client.getModel(try vertex(name))
        if let deployed = model.deployedModels.first {
            throw ShellError(
                "model \(name.model) is deployed already (on \(Self.belowLocation(deployed.endpoint)))",
                hint: "`model undeploy` first to deploy it again")
        }
        let location = name.parent
        var endpoint = try await client.listEndpoints(in: location).collect().first {
            $0.displayName == model.displayName && $0.deployedModels.isEmpty
        }
        if endpoint == nil {
            var request = VertexEndpoint()
            request.displayName = model.displayName
            let started = try await client.createEndpoint(in: location, request)
            let policy = PollPolicy(initialDelay: .milliseconds(100), maxDelay: .seconds(2), timeout: .seconds(120))
            endpoint = try await client.wait(for: started, as: VertexEndpoint.self, policy: policy)
        }
        guard let endpoint, let endpointName = endpoint.endpointName else {
            throw ShellError("the endpoint for \(name.model) came back without a name")
        }
        let started = try await client.deployModel(
            try vertex(name), to: endpointName, replicas: Int32(clamping: nodes), displayName: model.displayName)
        return Self.operation(started.protoJSON(options: .canonical), in: nil)
    }

    func undeployModel(_ name: ModelName) async throws -> BackendOperation {
        let model = try await client.getModel(try vertex(name))
        guard let deployed = model.deployedModels.first, let endpoint = VertexEndpointName(deployed.endpoint) else {
            throw ShellError("model \(name.model) is not deployed", hint: "`model deploy` deploys it")
        }
        let started = try await client.undeployModel(deployed.deployedModelId, from: endpoint)
        return Self.operation(started.protoJSON(options: .canonical), in: nil)
    }

    /// v1's format names (`tf_saved_model`) are Vertex AI's with hyphens; none given is the model's first.
    func exportModel(_ name: ModelName, to prefix: String, format: String?) async throws -> BackendOperation {
        let model = try await client.getModel(try vertex(name))
        let available = model.supportedExportFormats.map(\.id)
        let wanted = format.map { $0.replacingOccurrences(of: "_", with: "-") } ?? available.first
        guard let wanted, available.contains(wanted) else {
            throw ShellError(
                available.isEmpty
                    ? "model \(name.model) cannot be exported"
                    : "model \(name.model) exports as \(available.joined(separator: ", ")), not \(format ?? "")",
                hint: available.isEmpty ? nil : "--model-format \(available[0])")
        }
        let started = try await client.exportModel(try vertex(name), format: wanted, to: prefix)
        return Self.operation(started.protoJSON(options: .canonical), in: nil)
    }

    /// The evaluation (the overall one), then its slices (one per label), as one list: `modelEvaluations`, each item
    /// the resource as the server sent it.
    func evaluations(of model: ModelName) async throws -> BackendEvaluations {
        let evaluations = try await client.listModelEvaluations(of: try vertex(model)).collect()
        var slices: [VertexModelEvaluationSlice] = []
        for evaluation in evaluations {
            guard let name = VertexModelEvaluationName(evaluation.name) else { continue }
            slices += try await client.listModelEvaluationSlices(of: name).collect()
        }
        let items =
            evaluations.map { $0.protoJSON(options: .canonical) } + slices.map { $0.protoJSON(options: .canonical) }
        let json: JSONObject = items.isEmpty ? [:] : ["modelEvaluations": .array(items)]
        let entries =
            evaluations.map { (id: Self.lastSegment($0.name), label: String?.none) }
            + slices.map { (id: Self.lastSegment($0.name), label: Optional($0.slice?.value ?? "")) }
        let overall = evaluations.first.flatMap {
            VertexEvaluationView.modelEvaluation($0.protoJSON(options: .canonical))
        }
        let views =
            evaluations.compactMap { VertexEvaluationView.modelEvaluation($0.protoJSON(options: .canonical)) }
            + slices.compactMap {
                VertexEvaluationView.modelEvaluation($0.protoJSON(options: .canonical), overall: overall)
            }
        return BackendEvaluations(json: .object(json), entries: entries, views: views)
    }

    /// The evaluation itself (AutoML image models have one), without its slices: one request, not one per label.
    func overallEvaluation(of model: ModelName) async throws -> ModelEvaluation? {
        try await client.listModelEvaluations(of: try vertex(model)).collect().lazy.compactMap {
            VertexEvaluationView.modelEvaluation($0.protoJSON(options: .canonical))
        }.first
    }

    func testPredictions(of model: ModelName) async throws -> TestPredictions {
        try await client.testPredictions(of: try vertex(model))
    }

    /// An evaluation by its ID, or one of its slices by the slice's ID.
    func evaluation(_ id: String, of model: ModelName) async throws -> (json: JSONValue, view: ModelEvaluation?) {
        let name = try vertex(model)
        let evaluations = try await client.listModelEvaluations(of: name).collect()
        if let evaluation = evaluations.first(where: { Self.lastSegment($0.name) == id }) {
            let json = evaluation.protoJSON(options: .canonical)
            return (json, VertexEvaluationView.modelEvaluation(json))
        }
        for evaluation in evaluations {
            let slice = try VertexModelEvaluationSliceName(parsing: "\(evaluation.name)/slices/\(id)")
            do {
                let json = try await client.getModelEvaluationSlice(slice).protoJSON(options: .canonical)
                let overall = VertexEvaluationView.modelEvaluation(evaluation.protoJSON(options: .canonical))
                return (json, VertexEvaluationView.modelEvaluation(json, overall: overall))
            } catch let error as AutoMLError where error.code == .notFound {
                continue
            }
        }
        throw ShellError(
            "model \(model.model) has no evaluation or slice \(id)", hint: "`evaluations` lists them")
    }

    func predict(_ model: ModelName, image: Data, threshold: Double?, maxBoxes: Int?) async throws -> JSONValue {
        let found = try await client.getModel(try vertex(model))
        guard let deployed = found.deployedModels.first, let endpoint = VertexEndpointName(deployed.endpoint) else {
            throw ShellError(
                "model \(model.model) is not deployed: on Vertex AI predictions go through an endpoint",
                hint: "`model deploy` makes one and deploys the model")
        }
        return try await client.predict(
            endpoint, images: [image], confidenceThreshold: threshold, maxPredictions: maxBoxes
        ).protoJSON(options: .canonical)
    }

    var batchPredictionUnavailable: ShellError? {
        ShellError(
            "batch-predict is not available on Vertex AI in this shell: Vertex AI predicts in batches with "
                + "batch prediction jobs (JobService), which neither the shell nor the local backend speaks",
            hint: "`predict FILE…` predicts images one request each through the model's endpoint")
    }

    func batchPredict(
        _ model: ModelName, csv: [String], output: String, threshold: Double?, maxBoxes: Int?
    ) async throws -> BackendOperation {
        throw batchPredictionUnavailable ?? ShellError("batch prediction is not available")
    }

    static func lastSegment(_ name: String) -> String {
        name.split(separator: "/").last.map(String.init) ?? name
    }
}
