import AutoMLClient
import AutoMLEmulator
import AutoMLTestSupport
import AutoMLWire
import Foundation
import Testing

/// The local backend's Vertex AI surface through the package's own ``VertexClient``: over a loopback socket for the
/// workflow, and in-process on a real SQLite file for persistence across a restart. (Google's clients drive the same
/// surface in Tests/Conformance/test_vertex_*.py.)
@Suite struct VertexSurfaceTests {
    static let polling = PollPolicy(initialDelay: .milliseconds(5), maxDelay: .milliseconds(50), timeout: .seconds(60))

    @Test func workflowOverHTTPWithProjectNumbersInNames() async throws {
        try await withServedEmulator { served in
            let vertex = VertexClient(sharing: served.client(), endpoint: served.baseURL + "/vertex")
            let csv = try TestImages.classificationDataset(in: served.gcsRoot, labels: ["cat", "dog"], perLabel: 10)
            let created = try await vertex.createDataset(in: served.location, Self.dataset("pets"))
            // WaitOperation (no body, the timeout as a query parameter) answers once the operation is done.
            let waited = try await vertex.waitOperation(
                try VertexOperationName(parsing: created.name), timeout: .seconds(30))
            #expect(waited.done && waited.name == created.name)
            let dataset = try await vertex.wait(for: created, as: VertexDataset.self, policy: Self.polling)
            let name = try #require(dataset.datasetName)
            #expect(name.project != served.location.project && name.project.allSatisfy(\.isNumber))
            #expect(try name.sameResource(as: served.location.vertex(VertexDatasetName.self, name.id)))
            let imported = try await vertex.importData(into: name, [Self.importConfig(csv)])
            _ = try await vertex.wait(for: imported, as: VertexImportDataResponse.self, policy: Self.polling)
            #expect(try await vertex.getDataset(name).dataItemCount == 20)

            let pipeline = try await vertex.createTrainingPipeline(
                in: served.location, Self.pipeline("pets-1", dataset: name.id))
            #expect(pipeline.state == .queued)
            let ended = try await vertex.waitForPipeline(try #require(pipeline.pipelineName), policy: Self.polling)
            let modelName = try VertexModelName(parsing: try #require(ended.modelToUpload?.name))
            let model = try await vertex.getModel(modelName)
            #expect(model.displayName == "pets_model" && model.trainingPipeline == ended.name)
            #expect(ended.trainingTaskMetadata.objectValue?["costMilliNodeHours"] == JSONValue.string("8000"))
            #expect(try await vertex.listModelEvaluations(of: modelName).collect().count == 1)
            // Its one version, by ID and by alias; no other.
            for version in ["1", "default"] {
                let versioned = try VertexModelName(parsing: "\(modelName)@\(version)")
                #expect(try await vertex.getModel(versioned).name == model.name)
                #expect(try await vertex.listModelEvaluations(of: versioned).collect().count == 1)
            }
            let missing = await #expect(throws: AutoMLError.self) {
                _ = try await vertex.getModel(try VertexModelName(parsing: "\(modelName)@2"))
            }
            #expect(missing?.code == .notFound && missing?.message.contains("one version") == true)

            // Each API sees only its own resources.
            let v1 = try await served.client().listDatasets(in: served.location).collect()
            #expect(v1.isEmpty)
            #expect(try await vertex.listDatasets(in: served.location).collect().map(\.name) == [dataset.name])
        }
    }

    @Test func badInputIsRefusedWithWhatToChangeAndKeepsTheData() async throws {
        try await withServedEmulator { served in
            let vertex = VertexClient(sharing: served.client(), endpoint: served.baseURL + "/vertex")
            let csv = try TestImages.classificationDataset(in: served.gcsRoot, labels: ["cat", "dog"], perLabel: 10)
            let dataset = try await vertex.wait(
                for: try await vertex.createDataset(in: served.location, Self.dataset("pets")), as: VertexDataset.self,
                policy: Self.polling)
            let name = try #require(dataset.datasetName)
            await #expect(throws: AutoMLError.self) {
                _ = try await vertex.createTrainingPipeline(
                    in: served.location, Self.pipeline("empty", dataset: name.id))
            }
            _ = try await vertex.wait(
                for: try await vertex.importData(into: name, [Self.importConfig(csv)]),
                as: VertexImportDataResponse.self, policy: Self.polling)
            var tooSmall = Self.pipeline("small", dataset: name.id)
            tooSmall.trainingTaskInputs = .object(["modelType": .string("CLOUD"), "budgetMilliNodeHours": .integer(10)])
            let error = await #expect(throws: AutoMLError.self) {
                _ = try await vertex.createTrainingPipeline(in: served.location, tooSmall)
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.contains("8,000–800,000 milli node hours") == true)
            var other = Self.importConfig(csv)
            other.importSchemaUri = VertexSchema.Import.boundingBox
            await #expect(throws: AutoMLError.self) { _ = try await vertex.importData(into: name, [other]) }
            #expect(try await vertex.getDataset(name).dataItemCount == 20)
            #expect(try await vertex.listTrainingPipelines(in: served.location).collect().isEmpty)
        }
    }

    @Test func everyModelTypeHasItsOwnBudgetRange() async throws {
        try await withServedEmulator { served in
            let vertex = VertexClient(sharing: served.client(), endpoint: served.baseURL + "/vertex")
            for type in ImageModelType.classification + ImageModelType.detection {
                guard let name = type.vertexName else { continue }
                var request = Self.pipeline("budget", dataset: "404")
                if type.isDetection { request.trainingTaskDefinition = VertexSchema.Training.objectDetection }
                let range = type.budgetRange
                for budget in [range.lowerBound - 1, range.upperBound + 1] {
                    request.trainingTaskInputs = .object([
                        "modelType": .string(name), "budgetMilliNodeHours": .string(String(budget)),
                    ])
                    let error = await #expect(throws: AutoMLError.self, "\(name) \(budget)") {
                        _ = try await vertex.createTrainingPipeline(in: served.location, request)
                    }
                    #expect(error?.code == .invalidArgument)
                    #expect(error?.message.contains("out of range for modelType \(name)") == true)
                    #expect(error?.message.contains(type.budgetRangeText) == true)
                }
                // Each bound itself passes the budget check and the request goes on to the (missing) dataset.
                for budget in [range.lowerBound, range.upperBound] {
                    request.trainingTaskInputs = .object([
                        "modelType": .string(name), "budgetMilliNodeHours": .string(String(budget)),
                    ])
                    let error = await #expect(throws: AutoMLError.self) {
                        _ = try await vertex.createTrainingPipeline(in: served.location, request)
                    }
                    #expect(error?.code == .notFound, "\(name) \(budget): \(error?.message ?? "")")
                }
            }
            let pipelines = try await vertex.listTrainingPipelines(in: served.location).collect()
            #expect(pipelines.isEmpty)
        }
    }

    @Test func aProjectLimitedTokenIsCheckedByIDAndByNumber() async throws {
        try await withServedEmulator(configure: { $0.tokens = ["owner@p"] }) { served in
            let vertex = VertexClient(sharing: served.client(token: "owner"), endpoint: served.baseURL + "/vertex")
            let dataset = try await vertex.wait(
                for: try await vertex.createDataset(in: served.location, Self.dataset("mine")), as: VertexDataset.self,
                policy: Self.polling)
            let name = try #require(dataset.datasetName)
            #expect(try await vertex.getDataset(name).name == dataset.name)  // by number
            let other = LocationName(validatedSegments: ["q", "us-central1"])
            let error = await #expect(throws: AutoMLError.self) {
                _ = try await vertex.listDatasets(in: other).collect()
            }
            #expect(error?.code == .permissionDenied)
        }
    }

    @Test func pipelineCarriesOnAfterARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vertex-restart-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = EmulatorConfiguration(
            dataDirectory: directory.appendingPathComponent("data"), gcsRoot: directory.appendingPathComponent("gcs"),
            nodeHour: .seconds(1), deployDuration: .milliseconds(5))
        let csv = try TestImages.classificationDataset(in: configuration.gcsRoot, labels: ["cat", "dog"], perLabel: 10)
        let clock = ManualClock()
        var emulator = try await Emulator.start(
            configuration: configuration, clock: clock, trainer: ClockBudgetTrainer())
        var vertex = Self.inProcess(emulator)
        let location = LocationName(validatedSegments: ["p", "us-central1"])
        let dataset = try await vertex.wait(
            for: try await vertex.createDataset(in: location, Self.dataset("pets")), as: VertexDataset.self,
            policy: Self.polling)
        let datasetName = try #require(dataset.datasetName)
        _ = try await vertex.wait(
            for: try await vertex.importData(into: datasetName, [Self.importConfig(csv)]),
            as: VertexImportDataResponse.self, policy: Self.polling)
        let pipeline = try await vertex.createTrainingPipeline(
            in: location, Self.pipeline("p", dataset: datasetName.id))
        let name = try #require(pipeline.pipelineName)
        #expect(try await eventually { try await vertex.getTrainingPipeline(name).state == .running })
        // The trainer may not be asleep on the clock yet when the pipeline shows RUNNING: move the clock a step at a
        // time until it has spent something (each step wakes at most one of its 0.4-node-hour steps).
        #expect(
            try await eventually {
                clock.advance(by: .milliseconds(500))
                return try await vertex.getTrainingPipeline(name).trainingTaskMetadata.objectValue?[
                    "costMilliNodeHours"]
                    != .string("0")
            })
        await emulator.shutdown()

        emulator = try await Emulator.start(configuration: configuration, clock: clock, trainer: ClockBudgetTrainer())
        vertex = Self.inProcess(emulator)
        let resumed = try await vertex.getTrainingPipeline(name)
        #expect(resumed.state == VertexPipelineState.running)
        let spent = Int(resumed.trainingTaskMetadata.objectValue?["costMilliNodeHours"]?.stringValue ?? "") ?? 0
        #expect(spent > 0 && spent < 8000)
        let restarted = vertex
        let waiting = Task { try await restarted.waitForPipeline(name, policy: Self.polling) }
        for _ in 0..<200 where !(try await vertex.getTrainingPipeline(name).state.isTerminal) {
            clock.advance(by: .seconds(1))
            try await Task.sleep(for: .milliseconds(5))
        }
        let ended = try await waiting.value
        #expect(ended.state == VertexPipelineState.succeeded)
        #expect(ended.trainingTaskMetadata.objectValue?["costMilliNodeHours"] == JSONValue.string("8000"))
        await emulator.shutdown()
    }

    /// A dataset named pets with ten images of a cat and ten of a dog (their CSV under `gcsRoot`), imported.
    static func importedPets(_ vertex: VertexClient, in location: LocationName, gcsRoot: URL) async throws
        -> VertexDatasetName
    {
        let csv = try TestImages.classificationDataset(in: gcsRoot, labels: ["cat", "dog"], perLabel: 10)
        let dataset = try await vertex.wait(
            for: try await vertex.createDataset(in: location, dataset("pets")), as: VertexDataset.self,
            policy: polling)
        let name = try #require(dataset.datasetName)
        _ = try await vertex.wait(
            for: try await vertex.importData(into: name, [importConfig(csv)]), as: VertexImportDataResponse.self,
            policy: polling)
        return name
    }

    static func inProcess(_ emulator: Emulator) -> VertexClient {
        let client = AutoMLClient(
            configuration: .init(endpoint: "http://in-process"), transport: EmulatorTransport(emulator: emulator))
        return VertexClient(sharing: client, endpoint: "http://in-process/vertex")
    }

    static func dataset(_ displayName: String) -> VertexDataset {
        var dataset = VertexDataset()
        dataset.displayName = displayName
        return dataset
    }

    static func importConfig(_ uri: String) -> VertexImportDataConfig {
        var config = VertexImportDataConfig()
        config.gcsSource = VertexGcsSource(uris: [uri])
        config.importSchemaUri = VertexSchema.Import.singleLabel
        return config
    }

    static func pipeline(_ displayName: String, dataset: String) -> VertexTrainingPipeline {
        var pipeline = VertexTrainingPipeline()
        pipeline.displayName = displayName
        pipeline.trainingTaskDefinition = VertexSchema.Training.classification
        pipeline.trainingTaskInputs = .object(["modelType": .string("CLOUD"), "budgetMilliNodeHours": .number(8000.0)])
        var input = VertexInputDataConfig()
        input.datasetId = dataset
        input.filterSplit = .byImportedMLUse
        pipeline.inputDataConfig = input
        var model = VertexModel()
        model.displayName = "pets_model"
        pipeline.modelToUpload = model
        return pipeline
    }
}
