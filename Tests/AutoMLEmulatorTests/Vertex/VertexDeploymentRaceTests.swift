import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import AutoMLWire
import Foundation
import Testing

/// Deploys, undeploys and deletes that overlap: each ends whole or not at all, checked against the endpoint as it is
/// when it commits. Deploys wait on a manual clock, so the overlap is certain.
@Suite struct VertexDeploymentRaceTests {
    /// Trains at once and leaves a (fake) weights folder, so that models can be deployed (nothing predicts here), and
    /// an overall evaluation and one per label with a made-up auPRC.
    struct InstantTrainer: Trainer {
        func train(
            _ job: TrainingRequest, clock: any EmulatorClock,
            report: @escaping @Sendable (TrainingProgress) async throws -> Void
        ) async throws -> TrainingOutcome {
            try FileManager.default.createDirectory(at: job.artifactDirectory, withIntermediateDirectories: true)
            return TrainingOutcome(
                stopReason: TrainingOutcome.budgetReached, costMilliNodeHours: job.budgetMilliNodeHours,
                evaluations: ClockBudgetTrainer.labelEvaluations(job), artifactPath: job.artifactDirectory.path)
        }
    }

    struct Backend {
        var emulator: Emulator
        var clock: ManualClock
        var vertex: VertexClient
        var location = LocationName(validatedSegments: ["p", "us-central1"])
        var directory: URL
    }

    func withBackend(_ body: (Backend) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vertex-races-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = EmulatorConfiguration(
            dataDirectory: directory.appendingPathComponent("data"), gcsRoot: directory.appendingPathComponent("gcs"),
            nodeHour: .seconds(1), deployDuration: .seconds(10))
        let clock = ManualClock()
        let emulator = try await Emulator.start(
            configuration: configuration, store: try EmulatorStore.inMemory(), clock: clock, trainer: InstantTrainer())
        do {
            try await body(
                Backend(
                    emulator: emulator, clock: clock, vertex: VertexSurfaceTests.inProcess(emulator),
                    directory: directory))
        } catch {
            await emulator.shutdown()
            throw error
        }
        await emulator.shutdown()
    }

    /// A trained model and an empty endpoint.
    func modelAndEndpoint(_ backend: Backend) async throws -> (VertexModelName, VertexEndpointName) {
        let vertex = backend.vertex
        let datasetName = try await VertexSurfaceTests.importedPets(
            vertex, in: backend.location, gcsRoot: backend.emulator.configuration.gcsRoot)
        let pipeline = try await vertex.createTrainingPipeline(
            in: backend.location, VertexSurfaceTests.pipeline("p", dataset: datasetName.id))
        let ended = try await vertex.waitForPipeline(
            try #require(pipeline.pipelineName), policy: VertexSurfaceTests.polling)
        var endpoint = VertexEndpoint()
        endpoint.displayName = "pets"
        let created = try await vertex.wait(
            for: try await vertex.createEndpoint(in: backend.location, endpoint), as: VertexEndpoint.self,
            policy: VertexSurfaceTests.polling)
        return (
            try VertexModelName(parsing: try #require(ended.modelToUpload?.name)),
            try #require(created.endpointName)
        )
    }

    func deploy(_ backend: Backend, _ model: VertexModelName, on endpoint: VertexEndpointName, id: String = "")
        async throws -> LongRunningOperation
    {
        var deployed = VertexDeployedModel()
        deployed.model = model.description
        deployed.id = id
        return try await backend.vertex.deployModel(deployed, to: endpoint, trafficSplit: [:])
    }

    /// Moves the clock until every given operation is done; returns them.
    func settle(_ backend: Backend, _ operations: [LongRunningOperation]) async throws -> [LongRunningOperation] {
        var done: [LongRunningOperation] = []
        for operation in operations {
            let name = try VertexOperationName(parsing: operation.name)
            var current = operation
            for _ in 0..<400 where !current.done {
                backend.clock.advance(by: .seconds(1))
                try await Task.sleep(for: .milliseconds(5))
                current = try await backend.vertex.getOperation(name)
            }
            done.append(current)
        }
        return done
    }

    @Test func twoDeploysWithOneIDLeaveOneDeployedModel() async throws {
        try await withBackend { backend in
            let (model, endpoint) = try await modelAndEndpoint(backend)
            let first = try await deploy(backend, model, on: endpoint, id: "7")
            let second = try await deploy(backend, model, on: endpoint, id: "7")
            let ended = try await settle(backend, [first, second])
            #expect(ended.filter { $0.error == nil }.count == 1)
            #expect(ended.compactMap(\.error?.code) == [RPCCode.alreadyExists.rawValue])
            let now = try await backend.vertex.getEndpoint(endpoint)
            #expect(now.deployedModels.map(\.id) == ["7"])
            #expect(now.trafficSplit == ["7": 100])
            #expect(try await backend.vertex.getModel(model).deployedModels.map(\.deployedModelId) == ["7"])
        }
    }

    @Test func aSplitNamingAModelThatLeftMeanwhileIsRefusedAtTheEnd() async throws {
        try await withBackend { backend in
            let (model, endpoint) = try await modelAndEndpoint(backend)
            _ = try await settle(backend, [try await deploy(backend, model, on: endpoint, id: "1")])
            var second = VertexDeployedModel()
            second.model = model.description
            second.id = "2"
            // Valid when asked: model 1 is deployed. By the time the deploy ends, model 1 has left.
            let pending = try await backend.vertex.deployModel(second, to: endpoint, trafficSplit: ["0": 50, "1": 50])
            _ = try await backend.vertex.undeployModel("1", from: endpoint)
            let ended = try await settle(backend, [pending])
            #expect(ended.first?.error?.code == RPCCode.invalidArgument.rawValue)
            let now = try await backend.vertex.getEndpoint(endpoint)
            #expect(now.deployedModels.isEmpty && now.trafficSplit.isEmpty)
            #expect(try await backend.vertex.getModel(model).deployedModels.isEmpty)
        }
    }

    @Test func anEndpointDeletedDuringADeployLeavesTheModelUndeployed() async throws {
        try await withBackend { backend in
            let (model, endpoint) = try await modelAndEndpoint(backend)
            let pending = try await deploy(backend, model, on: endpoint)
            _ = try await backend.vertex.deleteEndpoint(endpoint)
            let ended = try await settle(backend, [pending])
            #expect(ended.first?.error?.code == RPCCode.notFound.rawValue)
            #expect(try await backend.vertex.getModel(model).deployedModels.isEmpty)
            // The model is not held by a deployment that never happened.
            _ = try await backend.vertex.deleteModel(model)
        }
    }

    @Test func listingsAsJSONProgressOfAnOperationAndSlices() async throws {
        try await withBackend { backend in
            let (model, endpoint) = try await modelAndEndpoint(backend)
            let vertex = backend.vertex
            var names: [String: [String]] = [:]
            for listing in [VertexJSONListing.datasets, .models, .trainingPipelines, .endpoints, .operations] {
                try await vertex.forEachPage(of: listing, in: backend.location, pageSize: 1) { items in
                    names[listing.collection, default: []] += items.compactMap { $0.objectValue?["name"]?.stringValue }
                }
            }
            #expect(names["datasets"]?.count == 1 && names["models"] == [model.description])
            #expect(names["trainingPipelines"]?.count == 1 && names["endpoints"] == [endpoint.description])
            #expect((names["operations"]?.count ?? 0) >= 3)  // create and import of the dataset, create of the endpoint
            let dataset = try VertexDatasetName(parsing: try #require(names["datasets"]?.first))
            var nested: [String] = []
            try await vertex.forEachPage(of: .operations, in: backend.location, under: "datasets/\(dataset.id)") {
                nested += $0.compactMap { $0.objectValue?["name"]?.stringValue }
            }
            #expect(nested.count == 2 && nested.allSatisfy { $0.hasPrefix(dataset.description + "/operations/") })

            let pending = try await deploy(backend, model, on: endpoint)
            let watching = Task {
                var states: [Bool] = []
                for try await state in vertex.progress(
                    of: try VertexOperationName(parsing: pending.name), policy: VertexSurfaceTests.polling)
                {
                    states.append(state.done)
                }
                return states
            }
            _ = try await settle(backend, [pending])
            let states = try await watching.value
            #expect(states.first == false && states.last == true)

            let evaluation = try #require(try await vertex.listModelEvaluations(of: model).collect().first)
            let slices = try await vertex.listModelEvaluationSlices(
                of: try VertexModelEvaluationName(parsing: evaluation.name)
            ).collect()
            #expect(slices.compactMap(\.slice?.value).sorted() == ["cat", "dog"])
            let one = try await vertex.getModelEvaluationSlice(
                try VertexModelEvaluationSliceName(parsing: slices[0].name))
            #expect(one.metrics.objectValue?["auPrc"] == .number(0.75))
        }
    }

    @Test func aDeployedModelCannotBeDeletedNorItsEndpoint() async throws {
        try await withBackend { backend in
            let (model, endpoint) = try await modelAndEndpoint(backend)
            _ = try await settle(backend, [try await deploy(backend, model, on: endpoint, id: "5")])
            await #expect(throws: AutoMLError.self) { _ = try await backend.vertex.deleteModel(model) }
            await #expect(throws: AutoMLError.self) { _ = try await backend.vertex.deleteEndpoint(endpoint) }
            _ = try await backend.vertex.undeployModel("5", from: endpoint)
            #expect(try await backend.vertex.getEndpoint(endpoint).trafficSplit.isEmpty)
            _ = try await backend.vertex.deleteEndpoint(endpoint)
            _ = try await backend.vertex.deleteModel(model)
        }
    }
}
